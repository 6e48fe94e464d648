from django.urls import path

from outsourcer.work import calendar_views

app_name = "calendar"

# The calendar feed under /calendar/: its secret address, and the page that manages it.
urlpatterns = [
    path("", calendar_views.calendar_feed_settings, name="settings"),
    path("create/", calendar_views.calendar_feed_create, name="create"),
    path("revoke/", calendar_views.calendar_feed_revoke, name="revoke"),
    path("<str:secret>.ics", calendar_views.calendar_feed, name="feed"),
]
