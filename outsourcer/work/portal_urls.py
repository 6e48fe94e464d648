from django.urls import path

from outsourcer.work import calendar_views, portal_views, thread_views

app_name = "tasks-portal"

# The contractor's tasks under /portal/tasks/.
urlpatterns = [
    path("", portal_views.portal_task_list, name="list"),
    path("week/", calendar_views.portal_task_week, name="week"),
    path("<int:task_id>/", portal_views.portal_task_detail, name="detail"),
    path("<int:task_id>/accept/", portal_views.portal_task_accept, name="accept"),
    path("<int:task_id>/decline/", portal_views.portal_task_decline, name="decline"),
    path("<int:task_id>/ask/", portal_views.portal_task_ask, name="ask"),
    path("<int:task_id>/start/", portal_views.portal_task_start, name="start"),
    path("<int:task_id>/submit/", portal_views.portal_task_submit, name="submit"),
    path("<int:task_id>/messages/", thread_views.portal_task_messages_post, name="messages-post"),
    path("<int:task_id>/messages/read/", thread_views.portal_task_messages_read, name="messages-read"),
    path(
        "<int:task_id>/messages/<int:message_id>/attachment/",
        thread_views.portal_task_message_attachment,
        name="messages-attachment",
    ),
]
