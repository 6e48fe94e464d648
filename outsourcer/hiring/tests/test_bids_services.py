"""bid_submit and bid_withdraw: who may bid, until when, the terms per rate model, revisions kept,
currencies through a recorded rate, the total rounded half-up. Runs on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
import time_machine

from outsourcer.audit.models import Event
from outsourcer.hiring.models import Bid, BidRevision, BidStatus, JobStatus
from outsourcer.hiring.services import bid_submit, bid_total_cents, bid_withdraw
from outsourcer.lib.errors import DomainError, FieldErrors
from outsourcer.notifications.models import Notification
from outsourcer.testing.builders import TODAY
from outsourcer.testing.hiring import insert_bid, insert_invitation, insert_job, second_bidder

pytestmark = pytest.mark.django_db

DATES = {"proposed_start_on": TODAY + timedelta(days=3), "finishes_on": TODAY + timedelta(days=20)}


@pytest.fixture
def job(personas, frozen):
    job = insert_job(personas, created_by=personas.alice)
    insert_invitation(job, personas.carol_engagement)
    return job


def _fixed(job, personas, cents=300_000, **more):
    return bid_submit(
        job=job, contractor=personas.carol_contractor, actor=personas.carol, rate_model="fixed",
        fixed_total_cents=cents, **{**DATES, **more},
    )  # fmt: skip


def test_it_submits_a_fixed_bid_with_its_first_revision_event_and_notice(job, personas):
    bid = _fixed(job, personas, approach="Two mornings of shooting.")

    assert (bid.status, bid.revision, bid.total_cents, bid.total_budget_cents) == ("submitted", 1, 300_000, 300_000)
    assert (bid.currency, bid.exchange_rate_micros, bid.engagement) == ("EUR", None, personas.carol_engagement)
    revision = BidRevision.objects.get(bid=bid)
    assert revision.number == 1 and revision.terms["fixed_total_cents"] == 300_000
    assert Event.objects.filter(action="bid_submitted", object_id=str(bid.pk), actor=personas.carol).exists()
    notice = Notification.objects.get(user=personas.alice, kind="bid_received")
    assert "Carol Contractor sent a bid" in notice.message and "€3,000.00" in notice.message


def test_a_revision_keeps_every_earlier_one_and_bumps_the_number(job, personas):
    _fixed(job, personas, cents=300_000)
    bid = bid_submit(
        job=job, contractor=personas.carol_contractor, actor=personas.carol, rate_model="hourly",
        hourly_rate_cents=5_000, estimated_minutes=40 * 60, **DATES,
    )  # fmt: skip

    assert bid.revision == 2 and Bid.objects.count() == 1
    assert (bid.fixed_total_cents, bid.total_cents) == (None, 200_000)
    terms = list(bid.revisions.order_by("number").values_list("number", "terms__total_cents"))
    assert terms == [(1, 300_000), (2, 200_000)]
    assert Event.objects.filter(action="bid_revised", object_id=str(bid.pk)).count() == 1
    # The creator's one unread line is brought up to date, not doubled.
    notice = Notification.objects.get(user=personas.alice, kind="bid_received")
    assert "revised their bid (revision 2)" in notice.message


def test_hourly_totals_round_half_up_to_the_cent(job, personas):
    # 33.33 an hour for 1 h 30 min: 49.995 → 50.00; for 1 min: 0.5555 → 0.56.
    assert bid_total_cents(rate_model="hourly", terms={"hourly_rate_cents": 3_333, "estimated_minutes": 90}) == 5_000
    assert bid_total_cents(rate_model="hourly", terms={"hourly_rate_cents": 3_333, "estimated_minutes": 1}) == 56
    assert bid_total_cents(rate_model="hourly", terms={"hourly_rate_cents": 1, "estimated_minutes": 30}) == 1
    assert bid_total_cents(rate_model="hourly", terms={"hourly_rate_cents": 1, "estimated_minutes": 29}) == 0
    assert (
        bid_total_cents(rate_model="retainer", terms={"retainer_fee_cents": 150_050, "retainer_months": 3}) == 450_150
    )


def test_a_retainer_bid_totals_fee_times_months(job, personas):
    bid = bid_submit(
        job=job, contractor=personas.carol_contractor, actor=personas.carol, rate_model="retainer",
        retainer_fee_cents=120_000, retainer_months=6, hourly_rate_cents=9_999, **DATES,
    )  # fmt: skip
    assert (bid.total_cents, bid.hourly_rate_cents, bid.retainer_months) == (720_000, None, 6)


def test_another_currency_needs_a_rate_and_converts_half_up(job, personas):
    with pytest.raises(FieldErrors) as caught:
        _fixed(job, personas, currency="USD")
    assert "EUR" in caught.value.errors["exchange_rate_micros"]

    bid = _fixed(job, personas, cents=30_000, currency="USD", exchange_rate_micros=921_345)
    # 300.00 USD × 0.921345 = 276.4035 EUR → 27,640 cents.
    assert (bid.currency, bid.total_cents, bid.total_budget_cents, bid.exchange_rate_micros) == (
        "USD", 30_000, 27_640, 921_345
    )  # fmt: skip
    assert bid.revisions.get().terms["exchange_rate_micros"] == 921_345


def test_a_rate_is_refused_in_the_jobs_own_currency(job, personas):
    with pytest.raises(FieldErrors) as caught:
        _fixed(job, personas, currency="EUR", exchange_rate_micros=900_000)
    assert "exchange_rate_micros" in caught.value.errors


def test_the_terms_are_checked_all_at_once(job, personas):
    with pytest.raises(FieldErrors) as caught:
        bid_submit(
            job=job, contractor=personas.carol_contractor, actor=personas.carol, rate_model="hourly",
            hourly_rate_cents=0, proposed_start_on=TODAY, finishes_on=TODAY - timedelta(days=1),
            approach="x" * 5_001, questions="a\x00b",
        )  # fmt: skip
    assert set(caught.value.errors) == {
        "hourly_rate_cents", "estimated_minutes", "finishes_on", "approach", "questions"
    }  # fmt: skip
    assert not Bid.objects.exists()


def test_it_refuses_a_bid_after_the_deadline(job, personas):
    with time_machine.travel(job.bids_due_at, tick=False), pytest.raises(DomainError) as caught:
        _fixed(job, personas)
    assert caught.value.code == "bid_deadline_passed"
    assert not Bid.objects.exists()


def test_it_refuses_a_bid_on_a_job_that_is_not_open(job, personas):
    for status in (JobStatus.DRAFT, JobStatus.CLOSED, JobStatus.AWARDED, JobStatus.CANCELLED):
        job.status = status
        job.save()
        with pytest.raises(DomainError) as caught:
            _fixed(job, personas)
        assert caught.value.code == "job_not_open"


def test_an_uninvited_contractor_cannot_bid_unless_through_the_share_link(job, personas):
    erin = second_bidder(personas)
    with pytest.raises(DomainError) as caught:
        bid_submit(job=job, contractor=erin.contractor, actor=None, rate_model="fixed", fixed_total_cents=1, **DATES)
    assert caught.value.code == "not_invited"

    bid = bid_submit(
        job=job, contractor=erin.contractor, actor=None, rate_model="fixed", fixed_total_cents=100, **DATES,
        through_share_link=True,
    )  # fmt: skip
    assert bid.engagement == erin
    event = Event.objects.get(action="bid_submitted", object_id=str(bid.pk))
    assert event.actor is None and event.after["through_share_link"] is True


def test_dan_of_another_organization_cannot_bid_even_through_the_link(job, personas):
    with pytest.raises(DomainError) as caught:
        bid_submit(
            job=job, contractor=personas.dan_contractor, actor=personas.dan, rate_model="fixed",
            fixed_total_cents=100, through_share_link=True, **DATES,
        )  # fmt: skip
    assert caught.value.code == "no_engagement"


def test_withdraw_then_submit_again_before_the_deadline(job, personas):
    bid = _fixed(job, personas)
    bid = bid_withdraw(bid=bid, actor=personas.carol)
    assert bid.status == BidStatus.WITHDRAWN
    assert Event.objects.filter(action="bid_withdrawn", object_id=str(bid.pk)).exists()
    with pytest.raises(DomainError):
        bid_withdraw(bid=bid, actor=personas.carol)

    bid = _fixed(job, personas, cents=280_000)
    assert (bid.status, bid.revision, bid.total_cents) == (BidStatus.SUBMITTED, 2, 280_000)


def test_withdrawing_after_the_deadline_is_refused(job, personas):
    bid = _fixed(job, personas)
    with time_machine.travel(job.bids_due_at + timedelta(minutes=1), tick=False), pytest.raises(DomainError) as caught:
        bid_withdraw(bid=bid, actor=personas.carol)
    assert caught.value.code == "bid_deadline_passed"
    bid.refresh_from_db()
    assert bid.status == BidStatus.SUBMITTED


def test_a_decided_bid_cannot_be_revised(job, personas):
    bid = insert_bid(job, personas.carol_engagement, status=BidStatus.DECLINED)
    with pytest.raises(DomainError):
        _fixed(job, personas)
    bid.refresh_from_db()
    assert (bid.revision, bid.revisions.count()) == (1, 1)


def test_a_job_without_a_bid_deadline_takes_bids_while_open(job, personas):
    job.bids_due_at = None
    job.save()
    assert _fixed(job, personas).status == BidStatus.SUBMITTED


def test_a_total_too_large_after_conversion_is_refused(job, personas):
    with pytest.raises(DomainError) as caught:
        _fixed(job, personas, cents=10**12, currency="USD", exchange_rate_micros=2_000_000)
    assert caught.value.field == "fixed_total_cents"
