from django.urls import path

from outsourcer.work import calendar_views, thread_views, views

app_name = "tasks"

urlpatterns = [
    path("", views.task_list, name="list"),
    path("new/", views.task_create, name="create"),
    path("check/", views.task_check, name="check"),
    path("timeline/", calendar_views.task_timeline, name="timeline"),
    path("<int:task_id>/", views.task_detail, name="detail"),
    path("<int:task_id>/edit/", views.task_edit, name="edit"),
    path("<int:task_id>/send/", views.task_send, name="send"),
    path("<int:task_id>/answer/", views.task_answer, name="answer"),
    path("<int:task_id>/done/", views.task_done, name="done"),
    path("<int:task_id>/cancel/", views.task_cancel, name="cancel"),
    path("<int:task_id>/milestones/", views.task_milestone_add, name="milestone-add"),
    path("<int:task_id>/messages/", thread_views.task_messages_post, name="messages-post"),
    path("<int:task_id>/messages/read/", thread_views.task_messages_read, name="messages-read"),
    path(
        "<int:task_id>/messages/<int:message_id>/attachment/",
        thread_views.task_message_attachment,
        name="messages-attachment",
    ),
]
