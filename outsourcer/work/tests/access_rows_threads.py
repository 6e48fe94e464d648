"""Access-matrix rows for task threads (tests/access_matrix.py): the organization's members read a
task's thread and may mark it read, owners and managers write in it; Carol reaches only the thread
of her own sent task, Dan none, Oscar's organization none of Alice's. A held message's attachment
is nobody's to download on the portal until it is delivered."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from outsourcer.messaging.models import Message
from outsourcer.testing.rows import RECEIPT_NAME
from outsourcer.work.services import message_post
from outsourcer.work.tests.access_rows import CAROLS_OWN_POST, CAROLS_OWN_READ, NOBODYS, _task
from tests.access_matrix import ORG_READ, ORG_RUN_POST, Row, expect, latest

READ_STATE = latest(Message, "read_at")
ORG_MARK_READ = expect(302, 302, 302, 302, 404, 404, 404)
API_READ = expect(401, 200, 200, 200, 404, 404, 404)
API_CREATE = expect(401, 201, 201, 403, 404, 404, 404)
API_MARK = expect(401, 200, 200, 200, 404, 404, 404)
API_CAROLS = expect(401, 404, 404, 404, 200, 404, 404)
API_CAROLS_CREATE = expect(401, 404, 404, 404, 201, 404, 404)


def _with_message(
    *, from_contractor: bool, urgent: bool = True, attachment: bool = False, api: bool = False, portal: bool = False
):
    def kwargs(p):
        task = _task(p, "sent")
        message = (
            message_post(
                task=task,
                actor=p.carol if from_contractor else p.alice,
                body="" if attachment else "Which dishes first?",
                from_contractor=from_contractor,
                urgent=urgent,
            )
            if not attachment
            else None
        )
        if attachment:
            message = _attached(task, p, urgent=urgent)
        values = {"task_id": task.pk}
        if not (api or portal):
            values["org_slug"] = p.org.slug
        if attachment:
            values["message_id"] = message.pk
        return values

    return kwargs


def _attached(task, p, *, urgent: bool) -> Message:
    # A message whose attachment is a stored file (rows are about access, not the upload check).
    if not default_storage.exists(RECEIPT_NAME):
        default_storage.save(RECEIPT_NAME, ContentFile(b"%PDF-1.4\n% access matrix receipt\n"))
    message = message_post(task=task, actor=p.alice, body="See the file", from_contractor=False, urgent=urgent)
    Message.objects.filter(pk=message.pk).update(
        attachment=RECEIPT_NAME, attachment_name="brief.pdf", attachment_size=40
    )
    if not urgent:  # held until tomorrow, whatever the hour the matrix runs at
        Message.objects.filter(pk=message.pk).update(deliver_at=message.created_at + timedelta(days=1))
    return message


def _sent(api=False, portal=False):
    def kwargs(p):
        task = _task(p, "sent")
        return {"task_id": task.pk} if api or portal else {"org_slug": p.org.slug, "task_id": task.pk}

    return kwargs


BODY = {"body": "The cakes first, please."}

ROWS = [
    Row("tasks:messages-post", ORG_RUN_POST, method="POST", kwargs=_sent(), data=lambda p: BODY),
    Row("tasks:messages-read", ORG_MARK_READ, method="POST", kwargs=_with_message(from_contractor=True),
        wrote=READ_STATE),
    Row("tasks:messages-attachment", ORG_READ, kwargs=_with_message(from_contractor=False, attachment=True)),
    Row("tasks-portal:messages-post", CAROLS_OWN_POST, method="POST", kwargs=_sent(portal=True),
        data=lambda p: BODY),
    Row("tasks-portal:messages-read", CAROLS_OWN_POST, method="POST", wrote=READ_STATE,
        kwargs=_with_message(from_contractor=False, portal=True)),
    Row("tasks-portal:messages-attachment", CAROLS_OWN_READ,
        kwargs=_with_message(from_contractor=False, attachment=True, portal=True)),
    Row("tasks-portal:messages-attachment", NOBODYS, note="a held message",
        kwargs=_with_message(from_contractor=False, urgent=False, attachment=True, portal=True)),
    Row("/api/v1/tasks/{task_id}/messages", API_READ, api=True, kwargs=_sent(api=True)),
    Row("/api/v1/tasks/{task_id}/messages", API_CREATE, method="POST", api=True, kwargs=_sent(api=True),
        data=lambda p: BODY),
    Row("/api/v1/tasks/{task_id}/messages", expect(401, 422, 422, 422, 422, 422, 422), method="POST", api=True,
        kwargs=_sent(api=True), data=lambda p: {"body": "x\x00"}, wrote=None, note="schema: NUL"),
    Row("/api/v1/tasks/{task_id}/messages/read", API_MARK, method="POST", api=True, wrote=READ_STATE,
        kwargs=_with_message(from_contractor=True, api=True)),
    Row("/api/v1/portal/tasks/{task_id}/messages", API_CAROLS, api=True, kwargs=_sent(api=True)),
    Row("/api/v1/portal/tasks/{task_id}/messages", API_CAROLS_CREATE, method="POST", api=True,
        kwargs=_sent(api=True), data=lambda p: BODY),
    Row("/api/v1/portal/tasks/{task_id}/messages/read", API_CAROLS, method="POST", api=True, wrote=READ_STATE,
        kwargs=_with_message(from_contractor=False, api=True)),
]  # fmt: skip
