import pytest

from outsourcer.contractors import services
from outsourcer.contractors.models import EngagementStatus
from outsourcer.testing.factories import EngagementFactory

pytestmark = pytest.mark.django_db


def test_it_shows_profile_capacity_rates_and_notes(personas, login_as, url):
    carol = personas.carol_contractor
    carol.volume_tiers = [{"min_hours": 20, "rate_cents": 5000}]
    carol.save()
    response = login_as(personas.alice).get(url("contractors:detail", engagement_id=personas.carol_engagement.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Carol Contractor" in body
    assert "Europe/Lisbon" in body
    assert "09:00–17:00" in body
    assert "€50.00" in body  # the volume tier
    assert "Great with light." in body
    assert "Left across all their clients" in body and "20 h/week" in body  # 30 h total − 10 h given to Crumb


def test_it_offers_only_the_allowed_transitions(personas, login_as, url):
    body = login_as(personas.bob).get(url("contractors:detail", engagement_id=personas.carol_engagement.pk))
    body = body.content.decode()
    assert "Move to paused" in body and "Move to ended" in body
    assert "Move to prospect" not in body and "Move to vetting" not in body


def test_it_shows_viewers_no_buttons(personas, login_as, url):
    prospect = EngagementFactory(organization=personas.org, status=EngagementStatus.PROSPECT)
    client = login_as(personas.vera)
    for engagement in (personas.carol_engagement, prospect):
        body = client.get(url("contractors:detail", engagement_id=engagement.pk)).content.decode()
        assert "Move to" not in body
        assert ">Invite<" not in body
        assert "/edit/" not in body


def test_it_shows_the_pending_invitation(personas, login_as, url):
    prospect = EngagementFactory(
        organization=personas.org, status=EngagementStatus.PROSPECT, contractor__email="p@x.example"
    )
    services.contractor_invite(engagement=prospect, actor=personas.alice)
    body = login_as(personas.alice).get(url("contractors:detail", engagement_id=prospect.pk)).content.decode()
    assert "Invitation sent to <strong>p@x.example</strong>" in body
    assert "Send the invitation again" in body
    assert "Invited to create an account" in body  # recent activity


def test_it_is_not_found_for_another_organizations_engagement(personas, login_as, url):
    response = login_as(personas.alice).get(url("contractors:detail", engagement_id=personas.dan_engagement.pk))
    assert response.status_code == 404


def test_it_is_not_found_for_contractors(personas, login_as, url):
    response = login_as(personas.carol).get(url("contractors:detail", engagement_id=personas.carol_engagement.pk))
    assert response.status_code == 404


def test_it_links_to_a_new_contract_with_this_contractor_for_those_who_may_make_one(personas, login_as, url):
    page = url("contractors:detail", engagement_id=personas.carol_engagement.pk)
    link = f'href="/o/crumb/contracts/new/?contractor={personas.carol_contractor.pk}"'

    assert link in login_as(personas.bob).get(page).content.decode()
    assert link not in login_as(personas.vera).get(page).content.decode()
