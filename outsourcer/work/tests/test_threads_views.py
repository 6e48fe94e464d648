"""A task's thread on the organization's and the contractor's task pages: htmx posts without a
reload (and plain posts without JS), the sender's "reaches … in … h", held messages hidden from the
contractor, attachments served to the parties only, unread counts in the nav in the nav's one
query, and query counts that do not grow with the messages."""

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.home.workspace import workspace_for_user
from outsourcer.messaging import selectors
from outsourcer.messaging.models import Message
from outsourcer.testing.work import make_task
from outsourcer.work import services

pytestmark = pytest.mark.django_db

MONDAY_NIGHT = datetime(2025, 3, 17, 2, 0, tzinfo=UTC)  # 02:00 in Lisbon
MONDAY_TEN = datetime(2025, 3, 17, 10, 0, tzinfo=UTC)
PDF = b"%PDF-1.4\n% a brief\n"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def task(personas, time_machine):
    time_machine.move_to(MONDAY_TEN, tick=False)
    return services.task_send(task=make_task(personas), actor=personas.alice)


def _org_url(task, name="detail", **kwargs):
    return reverse(f"tasks:{name}", kwargs={"org_slug": task.organization.slug, "task_id": task.pk, **kwargs})


def _portal_url(task, name="detail", **kwargs):
    return reverse(f"tasks-portal:{name}", kwargs={"task_id": task.pk, **kwargs})


def test_the_owner_posts_in_her_night_and_sees_when_it_reaches_her(client, personas, task, time_machine):
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    client.force_login(personas.alice)
    response = client.post(_org_url(task, "messages-post"), {"body": "Which dishes first?"}, headers=HTMX)

    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body  # the thread alone, swapped in place
    assert "Message sent: it reaches Carol at 09:00 their time (in 7 h)" in body
    assert "Which dishes first?" in body
    page = client.get(_org_url(task)).content.decode()
    assert "held: reaches Carol at 09:00 their time (in 7 h)" in page


def test_without_js_the_post_comes_back_to_the_page(client, personas, task, time_machine):
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    client.force_login(personas.alice)
    response = client.post(_org_url(task, "messages-post"), {"body": "Which dishes first?"}, follow=True)
    assert response.redirect_chain[-1][0].endswith("#thread")
    assert "Message sent: it reaches Carol at 09:00 their time (in 7 h)." in response.content.decode()


def test_urgent_is_not_held(client, personas, task, time_machine):
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    client.force_login(personas.alice)
    client.post(_org_url(task, "messages-post"), {"body": "Stop!", "urgent": "on"})
    message = Message.objects.get()
    assert message.urgent and message.deliver_at == MONDAY_NIGHT


def test_the_contractor_sees_a_held_message_only_when_it_is_due(client, personas, task, time_machine):
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    services.message_post(task=task, actor=personas.alice, body="Which dishes first?", from_contractor=False)
    client.force_login(personas.carol)
    page = client.get(_portal_url(task)).content.decode()
    assert "Which dishes first?" not in page and "unread messages" not in page

    time_machine.move_to(datetime(2025, 3, 17, 9, 0, tzinfo=UTC), tick=False)
    page = client.get(_portal_url(task)).content.decode()
    assert "Which dishes first?" in page and 'aria-label="1 unread messages"' in page

    response = client.post(_portal_url(task, "messages-read"))
    assert response.status_code == 302
    assert 'aria-label="1 unread messages"' not in client.get(_portal_url(task)).content.decode()


def test_the_contractor_writes_and_the_organizations_nav_counts_it(client, personas, task):
    client.force_login(personas.carol)
    response = client.post(_portal_url(task, "messages-post"), {"body": "Can I shoot Tuesday?"}, headers=HTMX)
    assert response.status_code == 200 and "Can I shoot Tuesday?" in response.content.decode()

    client.force_login(personas.bob)
    page = client.get(_org_url(task)).content.decode()
    assert 'aria-label="1 unread messages"' in page and "Mark as read" in page
    client.post(_org_url(task, "messages-read"), headers=HTMX)
    assert 'aria-label="1 unread messages"' not in client.get(_org_url(task)).content.decode()


def test_a_refused_message_shows_its_error_in_the_thread(client, personas, task):
    client.force_login(personas.alice)
    bad = SimpleUploadedFile("brief.pdf", b"not a pdf at all")
    response = client.post(_org_url(task, "messages-post"), {"body": "See", "attachment": bad}, headers=HTMX)
    assert response.status_code == 200 and "Upload the attachment as a PDF" in response.content.decode()

    bad = SimpleUploadedFile("brief.pdf", b"not a pdf at all")
    response = client.post(_org_url(task, "messages-post"), {"body": "See", "attachment": bad})
    assert response.status_code == 400 and "Upload the attachment as a PDF" in response.content.decode()
    response = client.post(_org_url(task, "messages-post"), {"body": "x\x00"})
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_an_attachment_reaches_the_parties_as_a_download(client, personas, task):
    client.force_login(personas.alice)
    file = SimpleUploadedFile("menu.pdf", PDF, content_type="application/pdf")
    client.post(_org_url(task, "messages-post"), {"body": "The menu", "attachment": file, "urgent": "on"})
    message = Message.objects.get()

    for url, user in (
        (_org_url(task, "messages-attachment", message_id=message.pk), personas.vera),
        (_portal_url(task, "messages-attachment", message_id=message.pk), personas.carol),
    ):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith('attachment; filename="menu.pdf"')
        assert b"".join(response.streaming_content) == PDF
    client.force_login(personas.dan)
    assert client.get(_portal_url(task, "messages-attachment", message_id=message.pk)).status_code == 404


def test_the_nav_counts_come_in_the_navs_one_query(personas, task):
    services.message_post(task=task, actor=personas.carol, body="One", from_contractor=True)
    services.message_post(task=task, actor=personas.carol, body="Two", from_contractor=True)
    services.message_post(task=task, actor=personas.alice, body="Back", from_contractor=False, urgent=True)
    services.message_post(task=task, actor=personas.alice, body="More", from_contractor=False, urgent=True)

    workspace = workspace_for_user(personas.alice, personas.org.pk)
    with CaptureQueriesContext(connection) as queries:
        counts = (workspace.unread_task_messages, workspace.unread_portal_messages, workspace.unread_notifications)
    assert len(queries) == 1
    # Alice's answer marked Carol's two read; Carol has Alice's two to read.
    assert counts[:2] == (0, 0)
    carol = workspace_for_user(personas.carol)
    assert (
        carol.unread_portal_messages
        == 2
        == selectors.message_unread_count_for_contractor(contractor_id=personas.carol_contractor.pk)
    )
    assert workspace_for_user(personas.bob, personas.org.pk).unread_task_messages == 0
    services.message_post(task=task, actor=personas.carol, body="Three", from_contractor=True)
    assert workspace_for_user(personas.bob, personas.org.pk).unread_task_messages == 1
    assert workspace_for_user(personas.bob).unread_task_messages == 0  # no organization's page: no count


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("side", ["org", "portal"])
def test_the_task_page_costs_the_same_with_more_messages(client, personas, task, side):
    user, url = (personas.alice, _org_url(task)) if side == "org" else (personas.carol, _portal_url(task))
    client.force_login(user)
    file = SimpleUploadedFile("menu.pdf", PDF)
    services.message_post(task=task, actor=personas.alice, body="One", from_contractor=False, urgent=True)
    services.message_post(task=task, actor=personas.carol, body="Two", from_contractor=True, attachment=file)
    few = _queries(client, url)
    for n in range(10):
        services.message_post(task=task, actor=personas.bob, body=f"More {n}", from_contractor=False, urgent=True)
        services.message_post(task=task, actor=personas.carol, body=f"Back {n}", from_contractor=True)
    assert _queries(client, url) == few
