"""The consolidation advisor's figures, computed by hand. Photography, last 90 days: Carol (vetted,
60 €/h, volume tier 50 €/h from 3 h a week) approved 10 h; Pia (unvetted, 80 €/h) approved 30 h."""

from datetime import timedelta

import pytest

from outsourcer.contracts.services import time_entry_approve
from outsourcer.oversight.selectors.consolidation import consolidation_for_organization, tier_rate
from outsourcer.testing.builders import NOW, TODAY, log_time, make_budget, make_contract
from outsourcer.testing.factories import ContractorFactory, EngagementFactory
from outsourcer.testing.hiring import insert_vetting

pytestmark = pytest.mark.django_db


def approved(personas, contract, *, entries: int, minutes: int) -> None:
    for n in range(entries):
        entry = log_time(contract, worked_on=TODAY - timedelta(days=3 * n + 1), minutes=minutes)
        time_entry_approve(entry=entry, actor=personas.alice)


@pytest.fixture
def photography(personas, frozen):
    carol = personas.carol_contractor
    carol.volume_tiers = [{"min_hours": 3, "rate_cents": 5000}, {"min_hours": 20, "rate_cents": 4000}]
    carol.save()
    pia = EngagementFactory(organization=personas.org, contractor=ContractorFactory(name="Pia Pixel"))
    insert_vetting(personas, personas.carol_engagement)
    budget = make_budget(personas, name="Photography", amount_cents=10**9)
    approved(personas, make_contract(personas, budget), entries=5, minutes=120)
    pias = make_contract(personas, budget, contractor=pia.contractor, title="Pia's work", hourly_rate_cents=8000)
    approved(personas, pias, entries=10, minutes=180)
    return budget


def test_it_suggests_the_trusted_contractor_with_the_numbers_behind_it(personas, photography):
    area = consolidation_for_organization(organization=personas.org, today=TODAY, now=NOW).areas[0]
    s = area.suggestion

    assert (area.name, area.spend_cents) == ("Photography", 60_000 + 240_000)
    assert [(x.contractor_name, x.spend_cents, x.minutes) for x in area.shares] == [
        ("Pia Pixel", 240_000, 1800),
        ("Carol Contractor", 60_000, 600),
    ]
    assert (s.target_name, s.from_names) == ("Carol Contractor", ("Pia Pixel",))
    # Pia's 1,800 minutes in 90 days: 600 a month, 140 a week; they cost 2,400 € (800 € a month).
    assert (s.moved_minutes_per_month, s.moved_minutes_per_week, s.current_cents_per_month) == (600, 140, 80_000)
    # Carol's own 600 minutes are 47 a week; with Pia's 140: 187 minutes, past the 3-hour tier.
    assert (s.weekly_minutes_after, s.rate_cents) == (187, 5000)
    # 10 h a month at 50 € = 500 €: 300 € a month saved.
    assert (s.projected_cents_per_month, s.saving_cents_per_month) == (50_000, 30_000)
    assert s.spare_minutes_per_week == 30 * 60


def test_without_spare_capacity_there_is_no_suggestion(personas, photography):
    personas.carol_contractor.weekly_capacity_minutes = 120
    personas.carol_contractor.save()

    area = consolidation_for_organization(organization=personas.org, today=TODAY, now=NOW).areas[0]

    assert area.suggestion is None
    assert "spare capacity" in area.why_not


def test_without_any_trust_score_there_is_no_suggestion(personas, frozen):
    pia = EngagementFactory(organization=personas.org, contractor=ContractorFactory(name="Pia Pixel"))
    budget = make_budget(personas, name="Photography", amount_cents=10**9)
    approved(personas, make_contract(personas, budget), entries=1, minutes=60)
    approved(personas, make_contract(personas, budget, contractor=pia.contractor, title="Pia's"), entries=1, minutes=60)

    area = consolidation_for_organization(organization=personas.org, today=TODAY, now=NOW).areas[0]

    assert (area.suggestion, area.why_not) == (None, "No active contractor in this area has a trust score yet.")


def test_a_rate_in_another_currency_gives_no_saving(personas, photography):
    personas.carol_contractor.currency = "USD"
    personas.carol_contractor.save()

    s = consolidation_for_organization(organization=personas.org, today=TODAY, now=NOW).areas[0].suggestion

    assert (s.rate_cents, s.saving_cents_per_month) == (None, None)
    assert "USD" in s.rate_source


def test_spend_older_than_90_days_is_left_out(personas, photography):
    later = TODAY + timedelta(days=120)

    assert consolidation_for_organization(organization=personas.org, today=later, now=NOW).areas == []


def test_the_tier_with_most_hours_not_above_the_week_applies():
    tiers = [{"min_hours": 20, "rate_cents": 4000}, {"min_hours": 10, "rate_cents": 4500}, {"bad": 1}]

    assert tier_rate(tiers, 9 * 60) is None
    assert tier_rate(tiers, 10 * 60) == (10, 4500)
    assert tier_rate(tiers, 25 * 60) == (20, 4000)
    assert tier_rate("not a list", 25 * 60) is None
