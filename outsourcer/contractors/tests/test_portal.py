import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.audit.models import Event
from outsourcer.contractors.models import EngagementStatus
from outsourcer.testing.factories import EngagementFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

HOME, PROFILE = reverse("portal:home"), reverse("portal:profile")


def _capacity_url(engagement) -> str:
    return reverse("portal:capacity", kwargs={"engagement_id": engagement.pk})


@pytest.fixture
def second_client(personas):
    """Carol also works for Oscar's business, which keeps its own notes about her."""
    return EngagementFactory(
        organization=personas.other_org, contractor=personas.carol_contractor, status=EngagementStatus.VETTING,
        weekly_capacity_minutes=5 * 60, notes="Oscar's note about Carol",
    )  # fmt: skip


def test_carol_sees_both_clients_and_her_capacity(personas, login_as, second_client):
    response = login_as(personas.carol).get(HOME)
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["portal"] is True
    assert "Crumb &amp; Co." in body and "Oscar&#x27;s Outfitters" in body
    assert "status-active" in body and "status-vetting" in body
    assert "30 h" in body and "15 h" in body  # 30 h declared, 10 h + 5 h given, 15 h left
    assert "No bids yet" in body and "No tasks yet" in body and "No messages yet" in body
    assert "coming soon" not in body.lower()


def test_carol_never_sees_notes_or_other_contractors(personas, login_as, second_client):
    client = login_as(personas.carol)
    for page in (HOME, PROFILE):
        body = client.get(page).content.decode()
        assert "Great with light." not in body
        assert "Oscar&#x27;s note about Carol" not in body
        assert "Dan Contractor" not in body


def test_the_portal_shows_the_portal_navigation(personas, login_as):
    body = login_as(personas.carol).get(HOME).content.decode()
    assert f'href="{PROFILE}"' in body


def test_members_without_a_contractor_profile_get_404(personas, login_as):
    assert login_as(personas.alice).get(HOME).status_code == 404
    assert login_as(personas.alice).get(PROFILE).status_code == 404


def test_the_profile_form_is_prefilled(personas, login_as):
    form = login_as(personas.carol).get(PROFILE).context["form"]
    assert form["name"].value() == "Carol Contractor"
    assert form["total_capacity_hours"].value() == "30"
    assert form["mon_start"].value() == "09:00"


def test_carol_updates_her_profile(personas, login_as, second_client):
    data = {
        "kind": "person", "name": "Carol Mendes", "company": "Luz Studio", "skills": "Product photography",
        "time_zone": "Europe/Lisbon", "total_capacity_hours": "32.5", "default_rate": "55", "currency": "EUR",
        "tue_start": "08:00", "tue_end": "12:00", "tier_1_hours": "20", "tier_1_rate": "50",
    }  # fmt: skip
    response = login_as(personas.carol).post(PROFILE, data)
    assert response.status_code == 302
    carol = personas.carol_contractor
    carol.refresh_from_db()
    assert carol.name == "Carol Mendes"
    assert carol.weekly_capacity_minutes == 1950
    assert carol.working_hours == {"tue": ["08:00", "12:00"]}
    assert carol.default_rate_cents == 5500
    assert carol.volume_tiers == [{"min_hours": 20, "rate_cents": 5000}]
    # Both clients see the change in their own activity log.
    events = Event.objects.filter(action="contractor_profile_updated")
    assert set(events.values_list("organization__slug", flat=True)) == {"crumb", "oscars"}


def test_profile_errors_stay_next_to_the_field_with_typed_values(personas, login_as):
    data = {"kind": "person", "name": "Carol Typed", "time_zone": "Europe/Lisbon", "currency": "EUR",
            "total_capacity_hours": "170", "fri_start": "18:00", "fri_end": "09:00"}  # fmt: skip
    response = login_as(personas.carol).post(PROFILE, data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["total_capacity_hours"] == ["A week has 168 hours."]
    assert errors["fri_end"] == ["The end must be after the start."]
    assert 'value="Carol Typed"' in response.content.decode()
    personas.carol_contractor.refresh_from_db()
    assert personas.carol_contractor.name == "Carol Contractor"


def test_carol_sets_the_hours_she_gives_a_client(personas, login_as):
    response = login_as(personas.carol).post(_capacity_url(personas.carol_engagement), {"hours": "12.5"})
    assert response.status_code == 302
    personas.carol_engagement.refresh_from_db()
    assert personas.carol_engagement.weekly_capacity_minutes == 750
    assert Event.objects.filter(action="engagement_capacity_changed", organization=personas.org).exists()


def test_capacity_errors_show_next_to_that_clients_field(personas, login_as, second_client):
    response = login_as(personas.carol).post(_capacity_url(second_client), {"hours": "abc"})
    assert response.status_code == 400
    rows = dict(response.context["capacity_rows"])
    assert rows[second_client].errors["hours"] == ["Enter a number."]
    assert not rows[personas.carol_engagement].errors
    assert f'id="id_e{second_client.pk}_hours"' in response.content.decode()


def test_dan_gets_404_for_carols_engagement(personas, login_as):
    response = login_as(personas.dan).post(_capacity_url(personas.carol_engagement), {"hours": "1"})
    assert response.status_code == 404
    personas.carol_engagement.refresh_from_db()
    assert personas.carol_engagement.weekly_capacity_minutes == 600


def test_capacity_rejects_get(personas, login_as):
    assert login_as(personas.carol).get(_capacity_url(personas.carol_engagement)).status_code == 405


def test_the_portal_query_count_does_not_grow_with_clients(personas, login_as):
    client = login_as(personas.carol)
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    for _ in range(15):
        EngagementFactory(organization=OrganizationFactory(), contractor=personas.carol_contractor)
    with CaptureQueriesContext(connection) as many:
        client.get(HOME)
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as profile:
        client.get(PROFILE)
    assert len(profile) <= len(few) + 2
