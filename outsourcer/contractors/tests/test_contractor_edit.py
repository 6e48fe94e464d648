import pytest

from outsourcer.contractors.models import EngagementStatus
from outsourcer.contractors.tests.data import contractor_form
from outsourcer.testing.factories import EngagementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def prospect(personas):
    return EngagementFactory(
        organization=personas.org, status=EngagementStatus.PROSPECT, contractor__name="Pat Prospect",
        contractor__default_rate_cents=3000, contractor__volume_tiers=[{"min_hours": 10, "rate_cents": 2500}],
    )  # fmt: skip


def test_it_prefills_the_prospects_profile(personas, login_as, url, prospect):
    response = login_as(personas.alice).get(url("contractors:edit", engagement_id=prospect.pk))
    form = response.context["form"]
    assert form["name"].value() == "Pat Prospect"
    assert form["default_rate"].value() == "30.00"
    assert form["capacity_hours"].value() == "10"
    assert form["mon_start"].value() == "09:00"
    assert form["tier_1_rate"].value() == "25.00"
    assert "status" not in form.fields  # status changes go through the transition buttons


def test_it_edits_a_prospects_profile(personas, login_as, url, prospect):
    response = login_as(personas.bob).post(
        url("contractors:edit", engagement_id=prospect.pk), contractor_form(name="Pat Renamed", capacity_hours="12.25")
    )
    assert response.status_code == 302
    prospect.refresh_from_db()
    prospect.contractor.refresh_from_db()
    assert prospect.contractor.name == "Pat Renamed"
    assert prospect.weekly_capacity_minutes == 735
    assert prospect.status == EngagementStatus.PROSPECT


def test_it_keeps_typed_values_on_errors(personas, login_as, url, prospect):
    data = contractor_form(name="Pat Typed", time_zone="Mars/Olympus")
    response = login_as(personas.alice).post(url("contractors:edit", engagement_id=prospect.pk), data)
    assert response.status_code == 400
    assert "time_zone" in response.context["form"].errors
    assert 'value="Pat Typed"' in response.content.decode()
    prospect.contractor.refresh_from_db()
    assert prospect.contractor.name == "Pat Prospect"


def test_it_offers_only_notes_and_capacity_once_the_contractor_has_an_account(personas, login_as, url):
    engagement = personas.carol_engagement
    response = login_as(personas.alice).get(url("contractors:edit", engagement_id=engagement.pk))
    assert set(response.context["form"].fields) == {"capacity_hours", "notes"}
    assert "Carol Contractor manages their own profile" in response.content.decode()


def test_it_ignores_profile_fields_for_a_contractor_with_an_account(personas, login_as, url):
    engagement = personas.carol_engagement
    data = {"name": "Not Carol", "capacity_hours": "4", "notes": "Prefers mornings."}
    response = login_as(personas.alice).post(url("contractors:edit", engagement_id=engagement.pk), data)
    assert response.status_code == 302
    engagement.refresh_from_db()
    engagement.contractor.refresh_from_db()
    assert engagement.contractor.name == "Carol Contractor"
    assert engagement.weekly_capacity_minutes == 240
    assert engagement.notes == "Prefers mornings."


def test_it_rejects_bad_capacity_next_to_the_field(personas, login_as, url):
    engagement = personas.carol_engagement
    data = {"capacity_hours": "-1", "notes": "typed note"}
    response = login_as(personas.alice).post(url("contractors:edit", engagement_id=engagement.pk), data)
    assert response.status_code == 400
    assert response.context["form"].errors["capacity_hours"] == ["Enter zero or more hours."]
    assert "typed note" in response.content.decode()


def test_it_forbids_viewers(personas, login_as, url):
    response = login_as(personas.vera).post(url("contractors:edit", engagement_id=personas.carol_engagement.pk),
                                            {"capacity_hours": "1", "notes": ""})  # fmt: skip
    assert response.status_code == 403


def test_it_is_not_found_for_another_organizations_engagement(personas, login_as, url):
    response = login_as(personas.alice).post(url("contractors:edit", engagement_id=personas.dan_engagement.pk),
                                             {"capacity_hours": "1", "notes": "mine"})  # fmt: skip
    assert response.status_code == 404
    personas.dan_engagement.refresh_from_db()
    assert personas.dan_engagement.notes == "Oscar's private note"
