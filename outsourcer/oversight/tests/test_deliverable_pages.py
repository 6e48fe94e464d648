"""The organization's side of hand-overs: the Reviews list (waiting first, oldest first, filters,
empty state), the deliverable page with every version, and the review form."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from outsourcer.notifications.models import Notification
from outsourcer.oversight.models import DeliverableStatus, Review, ReviewDecision
from outsourcer.testing.builders import NOW
from outsourcer.testing.fixtures import text
from outsourcer.testing.oversight import PDF_BYTES, make_deliverable, pdf_file

pytestmark = pytest.mark.django_db


def _reviews(personas):
    return reverse("oversight:reviews", kwargs={"org_slug": personas.org.slug})


def _page(deliverable):
    return reverse(
        "oversight:deliverable", kwargs={"org_slug": deliverable.organization.slug, "deliverable_id": deliverable.pk}
    )


def _review_url(deliverable):
    return reverse(
        "oversight:deliverable-review",
        kwargs={"org_slug": deliverable.organization.slug, "deliverable_id": deliverable.pk},
    )


def test_waiting_work_comes_first_the_longest_waiting_at_the_top(login_as, personas):
    with time_machine.travel(NOW - timedelta(days=3), tick=False):
        older = make_deliverable(personas)
    with time_machine.travel(NOW - timedelta(days=2), tick=False):
        accepted = make_deliverable(personas, review="accept")
    with time_machine.travel(NOW - timedelta(days=1), tick=False):
        newer = make_deliverable(personas)
    rows = [d.pk for d in login_as(personas.vera).get(_reviews(personas)).context["page"].object_list]
    assert rows == [older.pk, newer.pk, accepted.pk]


def test_the_list_filters_by_status_and_has_an_empty_state(login_as, personas, frozen):
    client = login_as(personas.alice)
    assert "Nothing handed over yet." in text(client.get(_reviews(personas)))
    accepted = make_deliverable(personas, review="accept")
    waiting = make_deliverable(personas)
    only = client.get(_reviews(personas), {"status": "accepted"}).context["page"].object_list
    assert [d.pk for d in only] == [accepted.pk]
    assert waiting.title in text(client.get(_reviews(personas), {"status": "submitted"}))
    assert "No hand-overs match these filters." in text(client.get(_reviews(personas), {"status": "changes_requested"}))


def test_the_page_shows_every_version_its_files_links_and_latency(login_as, personas, frozen):
    deliverable = make_deliverable(personas, files=[pdf_file("menu.pdf")])
    from outsourcer.oversight.services import deliverable_request_changes, deliverable_submit

    with time_machine.travel(NOW + timedelta(hours=5), tick=False):
        deliverable_request_changes(
            deliverable=deliverable, actor=personas.alice, reasons=["quality", "errors"], comment="Blurry soup."
        )
        deliverable_submit(task=deliverable.task, contractor=deliverable.contractor, links=["https://drive.example/v2"])
    page = text(login_as(personas.vera).get(_page(deliverable)))
    assert "Version 2" in page and "Version 1" in page
    assert "menu.pdf" in page and "https://drive.example/v2" in page and "https://drive.example/menu" in page
    assert "The quality is not there yet" in page and "Errors or typos" in page and "Blurry soup." in page
    assert "decided in 5 h" in page
    assert "Your review of version" not in page  # Vera only views


def test_the_owner_accepts_and_carol_is_told_in_app_and_by_email(
    login_as, personas, frozen, django_capture_on_commit_callbacks
):
    deliverable = make_deliverable(personas)
    client = login_as(personas.alice)
    assert "Your review of version 1" in text(client.get(_page(deliverable)))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_review_url(deliverable), {"decision": "accept"})
    assert response.status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.ACCEPTED
    assert Notification.objects.filter(user=personas.carol, kind="deliverable_decided").exists()
    email = mail.outbox[-1]
    assert email.to == [personas.carol.email] and email.subject.startswith("Accepted:")
    assert email.alternatives and "accepted" in email.alternatives[0][0]


def test_requesting_changes_needs_a_reason_and_a_comment_and_keeps_what_was_typed(
    login_as, personas, frozen, django_capture_on_commit_callbacks
):
    deliverable = make_deliverable(personas)
    client = login_as(personas.bob)
    response = client.post(_review_url(deliverable), {"decision": "changes", "comment": "Fix the prices"})
    assert response.status_code == 400
    page = text(response)
    assert "Choose at least one reason." in page and "Fix the prices" in page
    assert not Review.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _review_url(deliverable), {"decision": "changes", "reasons": ["errors"], "comment": "Fix the prices"}
        )
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.decision, review.reasons, review.reviewer) == (ReviewDecision.CHANGES, ["errors"], personas.bob)
    assert "Errors or typos" in mail.outbox[-1].body and "Fix the prices" in mail.outbox[-1].body


def test_a_second_decision_is_refused_on_the_page(login_as, personas, frozen):
    deliverable = make_deliverable(personas, review="accept")
    response = login_as(personas.alice).post(_review_url(deliverable), {"decision": "accept"})
    assert response.status_code == 400
    assert Review.objects.count() == 1


def test_the_task_author_hears_of_a_hand_over(personas, frozen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        deliverable = make_deliverable(personas)
    assert Notification.objects.filter(user=personas.alice, kind="deliverable_submitted").exists()
    assert mail.outbox[-1].to == [personas.alice.email]
    assert _page(deliverable) in mail.outbox[-1].body


def test_files_download_for_members_only_as_attachments(login_as, personas, frozen):
    deliverable = make_deliverable(personas, files=[pdf_file("menu.pdf")])
    stored = deliverable.versions.get().files.get()
    url = reverse(
        "oversight:deliverable-file",
        kwargs={"org_slug": personas.org.slug, "deliverable_id": deliverable.pk, "file_id": stored.pk},
    )
    response = login_as(personas.vera).get(url)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert login_as(personas.oscar).get(url).status_code == 404
    other = reverse(
        "oversight:deliverable-file",
        kwargs={"org_slug": personas.org.slug, "deliverable_id": deliverable.pk, "file_id": stored.pk + 999},
    )
    assert login_as(personas.vera).get(other).status_code == 404
