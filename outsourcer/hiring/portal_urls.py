from django.urls import path  # noqa: F401

app_name = "hiring-portal"

# The contractor's hiring pages under /portal/hiring/ (invitations, bids, Q&A, interviews).
urlpatterns = []
