"""Feedback pages and API: the owed queue leads to the feedback form; the contractor reads ratings
and comment in the portal and the API, never the private note; the rating form refuses twice."""

import pytest
from django.urls import reverse

from outsourcer.accounts.services import api_token_create
from outsourcer.oversight.models import Feedback, OrganizationRating
from outsourcer.oversight.services import feedback_give, organization_rate
from outsourcer.testing.oversight import make_deliverable

pytestmark = pytest.mark.django_db
SECRET = "Pricey: look for someone cheaper"


def _token(user, organization=None) -> dict:
    _, raw = api_token_create(user=user, name="test", organization=organization)
    return {"Authorization": f"Bearer {raw}"}


def test_the_owed_queue_links_to_the_form_and_empties_once_given(personas, frozen, client):
    client.force_login(personas.alice)
    owed_url = reverse("feedback:owed", args=[personas.org.slug])
    assert "No feedback owed" in client.get(owed_url).content.decode()

    deliverable = make_deliverable(personas, review="accept")
    give_url = reverse("feedback:give", args=[personas.org.slug, deliverable.pk])
    page = client.get(owed_url).content.decode()
    assert deliverable.title in page and give_url in page

    response = client.post(
        give_url, {"quality": "5", "timeliness": "4", "communication": "3", "comment": "Sharp.", "private_note": SECRET}
    )
    assert response.status_code == 302
    assert Feedback.objects.get().private_note == SECRET
    assert "No feedback owed" in client.get(owed_url).content.decode()
    given = client.get(reverse("feedback:list", args=[personas.org.slug])).content.decode()
    assert SECRET in given  # the organization reads its own note


def test_a_missing_rating_keeps_what_was_typed(personas, frozen, client):
    deliverable = make_deliverable(personas, review="accept")
    client.force_login(personas.bob)
    response = client.post(
        reverse("feedback:give", args=[personas.org.slug, deliverable.pk]),
        {"quality": "5", "comment": "Typed with care"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Typed with care" in page and "This field is required" in page
    assert not Feedback.objects.exists()


def test_the_contractor_sees_ratings_and_comment_never_the_private_note(personas, frozen, client):
    deliverable = make_deliverable(personas, review="accept")
    feedback_give(
        deliverable=deliverable,
        actor=personas.alice,
        quality=5,
        timeliness=4,
        communication=3,
        comment="Sharp and on time.",
        private_note=SECRET,
    )
    client.force_login(personas.carol)
    page = client.get(reverse("feedback-portal:list")).content.decode()
    assert "Sharp and on time." in page and "4/5" in page
    assert SECRET not in page and "Private note" not in page

    response = client.get("/api/v1/portal/feedback", headers=_token(personas.carol))
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert (item["quality"], item["comment"], item["organization"]) == (5, "Sharp and on time.", personas.org.name)
    assert "private_note" not in item and SECRET not in response.content.decode()


def test_dan_sees_none_of_carols_feedback(personas, frozen, client):
    feedback_give(deliverable=make_deliverable(personas, review="accept"), actor=personas.alice, quality=5,
                  timeliness=5, communication=5, comment="For Carol only")  # fmt: skip
    client.force_login(personas.dan)
    assert "For Carol only" not in client.get(reverse("feedback-portal:list")).content.decode()
    response = client.get("/api/v1/portal/feedback", headers=_token(personas.dan))
    assert response.json()["items"] == []


def test_the_contractor_rates_the_organization_once_from_the_portal(personas, frozen, client):
    task = make_deliverable(personas, review="accept").task
    client.force_login(personas.carol)
    portal = client.get(reverse("feedback-portal:list")).content.decode()
    rate_url = reverse("feedback-portal:rate", args=[task.pk])
    assert rate_url in portal
    data = {"brief_clarity": "4", "responsiveness": "5", "payment_timeliness": "3", "comment": "Clear brief."}
    assert client.post(rate_url, data).status_code == 302
    assert client.post(rate_url, data).status_code == 400
    assert OrganizationRating.objects.get().comment == "Clear brief."
    assert rate_url not in client.get(reverse("feedback-portal:list")).content.decode()


def test_the_api_refuses_a_second_feedback_and_a_rating_before_the_task_is_finished(personas, frozen, client):
    deliverable = make_deliverable(personas, review="accept")
    body = {"quality": 5, "timeliness": 5, "communication": 4}
    url = f"/api/v1/deliverables/{deliverable.pk}/feedback"
    headers = _token(personas.alice, personas.org)
    created = client.post(url, body, content_type="application/json", headers=headers)
    assert created.status_code == 201 and created.json()["communication"] == 4
    again = client.post(url, body, content_type="application/json", headers=headers)
    assert again.status_code == 400 and again.json()["code"] == "feedback_given"

    unfinished = make_deliverable(personas).task
    rating = {"brief_clarity": 4, "responsiveness": 4, "payment_timeliness": 4}
    response = client.post(
        f"/api/v1/portal/tasks/{unfinished.pk}/rating", rating, content_type="application/json",
        headers=_token(personas.carol),
    )  # fmt: skip
    assert response.status_code == 400 and response.json()["code"] == "task_not_finished"
    assert not OrganizationRating.objects.exists()
    organization_rate(task=deliverable.task, contractor=personas.carol_contractor, **rating)
