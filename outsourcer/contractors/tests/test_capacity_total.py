"""A contractor's clients never have more hours than the contractor's total: the portal, the
organization's pages and both APIs all go through the same check in the services, which says
the numbers next to the field."""

import pytest
from django.urls import reverse

from outsourcer.contractors.models import EngagementStatus
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db

FOR_CRUMB = "At most 5 h a week for Crumb & Co.: your total is 30 h a week and you give 25 h to your other clients."
FOR_CLIENT = "At most 5 h a week: Carol Contractor works 30 h a week in all and gives 25 h of it to other clients."


@pytest.fixture
def oscars_share(personas):
    """Carol (30 h in total, 10 h for Crumb) gives Oscar's business 25 h: 5 h are left for Crumb's 10."""
    return EngagementFactory(
        organization=personas.other_org, contractor=personas.carol_contractor, weekly_capacity_minutes=25 * 60
    )


def _crumb_minutes(personas) -> int:
    personas.carol_engagement.refresh_from_db()
    return personas.carol_engagement.weekly_capacity_minutes


def test_the_portal_refuses_more_than_the_total_with_the_numbers(personas, login_as, oscars_share):
    url = reverse("portal:capacity", kwargs={"engagement_id": personas.carol_engagement.pk})
    response = login_as(personas.carol).post(url, {"hours": "6"})

    assert response.status_code == 400
    assert FOR_CRUMB.replace("&", "&amp;") in text(response)
    assert _crumb_minutes(personas) == 10 * 60

    response = login_as(personas.carol).post(url, {"hours": "5"})
    assert response.status_code == 302
    assert _crumb_minutes(personas) == 5 * 60


def test_the_portal_refuses_a_total_below_what_clients_have(personas, login_as, api_as, oscars_share):
    response = api_as(personas.carol, portal=True).patch("/portal/profile", {"weekly_capacity_minutes": 20 * 60})

    assert response.status_code == 422
    assert response.json()["errors"]["weekly_capacity_minutes"] == (
        "At least 35 h a week: that is what you give your clients now. Lower what a client gets first."
    )
    personas.carol_contractor.refresh_from_db()
    assert personas.carol_contractor.weekly_capacity_minutes == 30 * 60


def test_the_organization_page_refuses_more_than_is_left(personas, login_as, oscars_share):
    # Carol already gives Crumb 10 h, 5 more than fit: lowering is always allowed, raising is not.
    url = reverse("contractors:edit", args=["crumb", personas.carol_engagement.pk])
    response = login_as(personas.alice).post(url, {"capacity_hours": "8", "notes": ""})

    assert response.status_code == 400
    assert FOR_CLIENT in text(response)
    assert 'value="8"' in text(response)
    assert "Left across all their clients: <strong>-5 h/week</strong>" in text(response)

    assert login_as(personas.alice).post(url, {"capacity_hours": "4", "notes": ""}).status_code == 302
    assert _crumb_minutes(personas) == 4 * 60


def test_the_organization_api_refuses_it_too(personas, api_as, oscars_share):
    url = f"/contractors/{personas.carol_engagement.pk}"
    response = api_as(personas.alice).patch(url, {"engagement_capacity_minutes": 6 * 60})

    assert response.status_code == 422
    assert response.json()["errors"]["engagement_capacity_minutes"] == FOR_CLIENT
    assert _crumb_minutes(personas) == 10 * 60


def test_a_new_record_cannot_give_more_than_its_total(personas, api_as):
    body = {"name": "Pia", "weekly_capacity_minutes": 600, "engagement_capacity_minutes": 700}
    response = api_as(personas.alice).post("/contractors", body)

    assert response.status_code == 422
    assert response.json()["errors"]["engagement_capacity_minutes"] == (
        "At most 10 h a week: Pia works 10 h a week in all and gives 0 h of it to other clients."
    )


def test_an_ended_engagement_gives_its_hours_back(personas, login_as, oscars_share):
    oscars_share.status = EngagementStatus.ENDED
    oscars_share.save()
    url = reverse("portal:capacity", kwargs={"engagement_id": personas.carol_engagement.pk})

    assert login_as(personas.carol).post(url, {"hours": "30"}).status_code == 302
    assert _crumb_minutes(personas) == 30 * 60


def test_both_pages_say_capacity_for_you_next_to_what_is_left(personas, login_as, oscars_share):
    url = reverse("contractors:detail", args=["crumb", personas.carol_engagement.pk])
    detail = text(login_as(personas.alice).get(url))
    assert "<dt>Capacity for you</dt><dd>10 h/week</dd>" in detail
    assert "<dt>Left across all their clients</dt><dd>-5 h/week</dd>" in detail

    portal = text(login_as(personas.carol).get(reverse("portal:profile")))
    assert "Left across all your clients: <strong>-5 h/week</strong>" in portal
    assert "Capacity for Crumb &amp; Co. (hours a week)" in portal
