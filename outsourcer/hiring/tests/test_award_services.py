from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from outsourcer.audit.actions import override_actions
from outsourcer.audit.models import Event
from outsourcer.contractors.models import EngagementStatus
from outsourcer.contracts.models import Contract
from outsourcer.hiring.models import Bid, BidStatus, JobStatus
from outsourcer.hiring.selectors import award_page_get
from outsourcer.hiring.services import bid_award
from outsourcer.hiring.services.award import DEFAULT_MESSAGE, AlreadyAwarded
from outsourcer.lib.errors import DomainError, FieldErrors, OverrideRequired
from outsourcer.notifications.models import Notification
from outsourcer.testing.builders import TODAY
from outsourcer.testing.hiring import insert_bid, insert_job, insert_vetting, second_bidder

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(personas, frozen):
    return insert_job(personas)


@pytest.fixture
def carols_bid(personas, job):
    insert_vetting(personas, personas.carol_engagement)
    return insert_bid(job, personas.carol_engagement)


def _events(action):
    return Event.objects.filter(action=action)


def test_it_awards_a_fixed_price_bid_through_the_contract_services(
    personas, job, carols_bid, django_capture_on_commit_callbacks
):
    erin = insert_bid(job, second_bidder(personas), total_cents=250_000)
    fay = insert_bid(job, second_bidder(personas, name="Fay Alternate"), total_cents=350_000)

    with django_capture_on_commit_callbacks(execute=True):
        contract = bid_award(
            bid=carols_bid, actor=personas.bob, others={fay.pk: "alternate"}, message="Thanks, not this time."
        )

    assert (contract.status, contract.rate_model, contract.total_cents) == ("active", "fixed", 300_000)
    assert (contract.starts_on, contract.ends_on) == (TODAY + timedelta(days=3), TODAY + timedelta(days=25))
    assert (contract.title, contract.budget, contract.contractor) == (job.title, job.budget, personas.carol_contractor)
    [milestone] = contract.milestones.all()
    assert (milestone.amount_cents, milestone.due_on) == (300_000, TODAY + timedelta(days=25))
    job.refresh_from_db()
    assert (job.status, job.contract) == (JobStatus.AWARDED, contract)
    statuses = dict(Bid.objects.values_list("pk", "status"))
    assert statuses == {carols_bid.pk: "awarded", erin.pk: "declined", fay.pk: "alternate"}
    erin.refresh_from_db()
    assert erin.decision_message == "Thanks, not this time."
    for action in ("contract_created", "contract_activated", "bid_awarded", "bid_declined", "bid_kept_as_alternate"):
        assert _events(action).count() == 1, action
    awarded = _events("bid_awarded").get()
    assert (awarded.after["declined"], awarded.after["alternates"]) == (1, 1)

    [notice] = Notification.objects.filter(user=personas.carol)
    assert "accepted your bid" in notice.message
    job_page = reverse("hiring-portal:job-detail", args=[job.pk])
    assert notice.url == job_page
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "carol@studio.example": f"Your bid was accepted: {job.title} (Crumb & Co.)",
        "erin@bids.example": f"Your bid on {job.title} (Crumb & Co.)",
        "fay@bids.example": f"Kept as an alternate: {job.title} (Crumb & Co.)",
    }
    declined = next(m for m in mail.outbox if m.to == ["erin@bids.example"])
    assert "Thanks, not this time." in declined.body
    assert "/portal/" not in declined.body  # Erin has no account, so no portal link
    accepted = next(m for m in mail.outbox if m.to == ["carol@studio.example"])
    assert job_page in accepted.body


def test_it_declines_with_the_courteous_default_or_keeps_every_other_bid(personas, job, carols_bid):
    erin = insert_bid(job, second_bidder(personas))
    bid_award(bid=carols_bid, actor=personas.bob)
    erin.refresh_from_db()
    assert (erin.status, erin.decision_message) == ("declined", DEFAULT_MESSAGE)


def test_it_keeps_the_others_as_alternates_when_asked(personas, job, carols_bid):
    erin = insert_bid(job, second_bidder(personas))
    fay = insert_bid(job, second_bidder(personas, name="Fay Declined"))
    bid_award(bid=carols_bid, actor=personas.bob, mode="keep_alternates", others={fay.pk: "decline"})
    assert dict(Bid.objects.filter(pk__in=[erin.pk, fay.pk]).values_list("pk", "status")) == {
        erin.pk: "alternate",
        fay.pk: "declined",
    }


def test_it_spreads_an_hourly_estimate_over_the_timeline_in_the_bids_currency(personas, job):
    insert_vetting(personas, personas.carol_engagement)
    bid = insert_bid(
        job,
        personas.carol_engagement,
        rate_model="hourly",
        currency="USD",
        exchange_rate_micros=920_000,
        fixed_total_cents=None,
        hourly_rate_cents=5_000,
        estimated_minutes=37 * 60,
        finishes_on=TODAY + timedelta(days=16),  # 14 days from the start on the 20th: two weeks
    )
    contract = bid_award(bid=bid, actor=personas.alice)
    assert (contract.rate_model, contract.currency, contract.exchange_rate_micros) == ("hourly", "USD", 920_000)
    assert (contract.hourly_rate_cents, contract.hourly_rate_budget_cents) == (5_000, 4_600)
    assert contract.weekly_cap_minutes == 19 * 60  # 18.5 h a week, rounded up to whole hours
    assert contract.ends_on == TODAY + timedelta(days=16)


def test_it_turns_a_retainer_into_its_months_with_the_included_hours(personas, job):
    insert_vetting(personas, personas.carol_engagement)
    bid = insert_bid(
        job,
        personas.carol_engagement,
        rate_model="retainer",
        fixed_total_cents=None,
        retainer_fee_cents=100_000,
        retainer_months=3,
        estimated_minutes=30 * 60,
    )
    contract = bid_award(bid=bid, actor=personas.alice)
    assert (contract.monthly_fee_cents, contract.included_minutes, contract.overage_rate_cents) == (
        100_000,
        600,
        10_000,
    )
    assert (contract.starts_on, contract.ends_on) == (date(2025, 3, 20), date(2025, 6, 19))


def test_it_activates_a_prospect_winners_engagement(personas, job):
    erin = second_bidder(personas)
    insert_vetting(personas, erin)
    bid_award(bid=insert_bid(job, erin), actor=personas.bob)
    erin.refresh_from_db()
    assert erin.status == EngagementStatus.ACTIVE
    assert _events("engagement_status_changed").count() == 1


def test_a_manager_cannot_award_to_an_unvetted_contractor(personas, job):
    bid = insert_bid(job, personas.carol_engagement)
    with pytest.raises(OverrideRequired) as caught:
        bid_award(bid=bid, actor=personas.bob, override_reason="I trust her")
    assert caught.value.code == "vetting_required"
    assert caught.value.details["can_override"] is False
    assert caught.value.details["missing"] == ["1 interview with a scorecard", "2 references received"]
    assert "Only an owner" in caught.value.message
    assert not Contract.objects.exists()
    bid.refresh_from_db()
    job.refresh_from_db()
    assert (bid.status, job.status) == ("submitted", "open")


def test_an_owner_overrides_vetting_only_with_a_reason_and_it_is_recorded_as_an_override(personas, job):
    bid = insert_bid(job, personas.carol_engagement)
    with pytest.raises(OverrideRequired) as caught:
        bid_award(bid=bid, actor=personas.alice, may_override=True)
    assert caught.value.details["can_override"] is True

    bid_award(bid=bid, actor=personas.alice, may_override=True, override_reason="Worked with her for years")

    event = _events("bid_awarded_unvetted").get()
    assert event.reason == "Worked with her for years"
    assert "bid_awarded_unvetted" in override_actions()
    bid.refresh_from_db()
    assert bid.award_override_reason == "Worked with her for years"
    assert not _events("bid_awarded").exists()


def test_over_budget_needs_the_contract_guards_override(personas, job):
    insert_vetting(personas, personas.carol_engagement)
    # Due this month, at twice the budget's €10,000.
    bid = insert_bid(job, personas.carol_engagement, total_cents=2_000_000, finishes_on=TODAY + timedelta(days=10))
    with pytest.raises(OverrideRequired) as caught:
        bid_award(bid=bid, actor=personas.alice)
    assert (caught.value.code, caught.value.field) == ("over_budget", "budget_override_reason")
    assert caught.value.details["over_cents"] == 1_000_000
    assert not Contract.objects.exists() and not _events("contract_created").exists()
    assert award_page_get(bid=bid).budget_guard.details == caught.value.details
    assert not Contract.objects.exists()

    contract = bid_award(bid=bid, actor=personas.alice, may_override_budget=True, budget_override_reason="Launch")
    assert contract.activation_override_reason == "Launch"
    assert _events("contract_activated_over_budget").count() == 1


def test_the_page_finds_nothing_in_the_way_of_a_bid_that_fits(personas, job, carols_bid):
    page = award_page_get(bid=carols_bid)
    assert page.is_open and page.vetting.passed
    assert (page.budget_guard, page.problem) == (None, None)
    assert page.terms["total_cents"] == 300_000


def test_the_page_sees_the_budget_guard_of_an_hourly_or_retainer_bid_too(personas, job):
    hourly = insert_bid(
        job,
        personas.carol_engagement,
        rate_model="hourly",
        fixed_total_cents=None,
        hourly_rate_cents=10_000,
        estimated_minutes=200 * 60,
        finishes_on=TODAY + timedelta(days=13),  # two weeks of 100 h, all in March
    )
    guard = award_page_get(bid=hourly).budget_guard
    with pytest.raises(OverrideRequired) as caught:
        bid_award(bid=hourly, actor=personas.alice, may_override=True, override_reason="Known")
    assert guard.details == caught.value.details
    assert guard.details["fitting_weekly_cap_minutes"] is not None


def test_the_page_sees_a_retainers_months_against_the_budget(personas, job):
    retainer = insert_bid(
        job,
        personas.carol_engagement,
        rate_model="retainer",
        fixed_total_cents=None,
        retainer_fee_cents=1_200_000,
        retainer_months=2,
    )
    guard = award_page_get(bid=retainer).budget_guard
    with pytest.raises(OverrideRequired) as caught:
        bid_award(bid=retainer, actor=personas.alice, may_override=True, override_reason="Known")
    assert guard.details == caught.value.details
    assert guard.details["cost_cents"] == 1_200_000  # March's fee; April's falls in the next period


def test_a_job_already_awarded_cannot_be_awarded_again(personas, job, carols_bid):
    erin = insert_bid(job, second_bidder(personas))
    insert_vetting(personas, erin.engagement)
    bid_award(bid=carols_bid, actor=personas.alice, mode="keep_alternates")
    with pytest.raises(AlreadyAwarded) as caught:
        bid_award(bid=erin, actor=personas.alice)
    assert caught.value.status_code == 409
    assert caught.value.message == f"“{job.title}” has already been awarded to Carol Contractor."
    assert Contract.objects.count() == 1


def test_the_database_holds_one_winner_even_when_the_job_row_says_open(personas, job, carols_bid):
    erin = insert_bid(job, second_bidder(personas), status=BidStatus.AWARDED)
    with pytest.raises(AlreadyAwarded, match="Erin Bidder"):
        bid_award(bid=carols_bid, actor=personas.alice)
    assert not Contract.objects.exists()
    erin.refresh_from_db()
    assert erin.status == "awarded"


@pytest.mark.parametrize("status", ["draft", "cancelled"])
def test_only_an_open_or_closed_job_is_awarded(personas, job, carols_bid, status):
    job.status = status
    job.save()
    with pytest.raises(DomainError) as caught:
        bid_award(bid=carols_bid, actor=personas.alice)
    assert caught.value.code == "job_not_open"


def test_a_withdrawn_bid_cannot_win(personas, job, carols_bid):
    Bid.objects.filter(pk=carols_bid.pk).update(status=BidStatus.WITHDRAWN)
    with pytest.raises(DomainError, match="withdrawn"):
        bid_award(bid=carols_bid, actor=personas.alice)


def test_it_refuses_choices_about_bids_that_are_not_the_jobs_other_open_bids(personas, job, carols_bid):
    with pytest.raises(DomainError) as caught:
        bid_award(bid=carols_bid, actor=personas.alice, others={carols_bid.pk: "decline"})
    assert caught.value.field == "others"
    with pytest.raises(FieldErrors) as caught:
        bid_award(bid=carols_bid, actor=personas.alice, others={carols_bid.pk: "maybe"}, mode="all")
    assert set(caught.value.errors) == {"others", "mode"}
    assert not Contract.objects.exists()


def test_a_fixed_bid_without_any_end_date_asks_for_one(personas, job):
    insert_vetting(personas, personas.carol_engagement)
    job.deadline_on = None
    job.save()
    bid = insert_bid(job, personas.carol_engagement, finishes_on=None)
    with pytest.raises(DomainError) as caught:
        bid_award(bid=bid, actor=personas.alice)
    assert caught.value.field == "ends_on"
    contract = bid_award(bid=bid, actor=personas.alice, ends_on=TODAY + timedelta(days=40))
    assert contract.milestones.get().due_on == TODAY + timedelta(days=40)
