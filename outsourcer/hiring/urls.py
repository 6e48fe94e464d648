from django.urls import path  # noqa: F401

app_name = "hiring"

# Organization pages under /o/<org>/hiring/; each area adds its paths in its own block.
urlpatterns = []
