"""Every audit action reads as a sentence a bookkeeper understands: money with its currency,
durations in hours, dates as dates, and never a stored field name or a row id."""

import re

import pytest
from django.utils import timezone

from outsourcer.audit.actions import Entry, declared_actions, describe, event_sentence, override_actions
from outsourcer.audit.models import Event

TERMS = {
    "title": "Logo design",
    "rate_model": "hourly",
    "status": "draft",
    "currency": "EUR",
    "exchange_rate_micros": None,
    "hourly_rate_cents": 4000,
    "weekly_cap_minutes": 600,
    "monthly_fee_cents": None,
    "included_minutes": None,
    "overage_rate_cents": None,
    "total_cents": None,
    "budget_id": 3,
    "contractor_id": 7,
    "budget": "Website relaunch",
    "contractor": "Carol Contractor",
    "starts_on": "2025-03-01",
    "ends_on": None,
}
BUDGET = {
    "name": "Website relaunch",
    "period": "monthly",
    "starts_on": "2025-01-01",
    "ends_on": None,
    "amount_cents": 500_000,
    "currency": "EUR",
    "thresholds": [50, 80, 100],
}
PROFILE = {
    "name": "Carol Contractor",
    "weekly_capacity_minutes": 1200,
    "default_rate_cents": 4000,
    "currency": "EUR",
    "working_hours": {"mon": ["09:00", "17:00"]},
    "volume_tiers": [],
}
BID = {
    "rate_model": "fixed",
    "currency": "EUR",
    "exchange_rate_micros": None,
    "fixed_total_cents": 300_000,
    "hourly_rate_cents": None,
    "estimated_minutes": None,
    "retainer_fee_cents": None,
    "retainer_months": None,
    "total_cents": 300_000,
    "total_budget_cents": 300_000,
    "approach": "Two mornings",
    "questions": "",
    "proposed_start_on": "2025-03-20",
    "finishes_on": "2025-04-10",
    "job": "Product photos",
    "contractor": "Carol Contractor",
}
REFERENCE = {
    "referee": "Pat Referee",
    "relationship": "Client for two years",
    "contractor": "Carol Contractor",
    "engagement_id": 4,
}
TIME = {"worked_on": "2025-03-17", "minutes": 360, "note": "Sketches"}
JOB = {
    "title": "Spring menu photos",
    "goal": "Sell more pastries online.",
    "deliverables": "30 photos",
    "acceptance_criteria": "",
    "deadline_on": "2025-04-30",
    "skills": "photography",
    "rate_model": "fixed",
    "expected_min_cents": 150_000,
    "expected_max_cents": 300_000,
    "bids_due_at": "2025-03-24T17:00:00+00:00",
    "budget": "Photos",
    "budget_id": 3,
    "currency": "EUR",
}
INTERVIEW = {
    "contractor": "Carol Contractor",
    "job": "Spring menu photos",
    "starts_at": "2025-03-18T14:00:00+00:00",
    "duration_minutes": 45,
    "location": "https://meet.example/crumb",
    "interviewers": ["Alice Owner", "Bob Manager"],
}
SCORES = {"communication": 4, "skill": 5, "reliability": 3, "understanding": 4}

# (object name as stored, before, after) as the services record them, old shapes included.
SAMPLES = {
    "organization_created": ("Crumb & Co.", None, None),
    "organization_updated": (
        "Crumb & Co.",
        {"name": "Crumb", "time_zone": "Europe/Berlin"},
        {"name": "Crumb & Co.", "time_zone": "Europe/Zurich"},
    ),
    "member_invited": (
        "Invitation for new@crumb.example to Crumb",
        None,
        {"email": "new@crumb.example", "role": "manager"},
    ),
    "invitation_revoked": (
        "Invitation for new@crumb.example to Crumb",
        {"email": "new@crumb.example", "role": "viewer"},
        None,
    ),
    "member_joined": ("Bob · Crumb (manager)", None, {"role": "manager"}),
    "member_role_changed": ("Vera Viewer · Crumb (viewer)", {"role": "viewer"}, {"role": "manager"}),
    "member_removed": ("Vera Viewer · Crumb (viewer)", {"user": "vera@crumb.example", "role": "viewer"}, None),
    "api_token_created": ("sync (osk_ab12…)", None, None),
    "api_token_revoked": ("sync (osk_ab12…)", None, None),
    "organization_closed": (
        "Crumb",
        {"members": [{"user": "alice@crumb.example", "role": "owner"}]},
        {"closed_at": "2025-03-17T10:00:00+00:00"},
    ),
    "password_changed": ("Alice", None, {"api_tokens_revoked": 2}),
    "password_reset": ("Alice", None, {"api_tokens_revoked": 0}),
    "user_email_confirmed": ("Alice", None, None),
    "contractor_added": ("Carol Contractor @ Crumb", None, {"name": "Carol Contractor", "status": "prospect"}),
    "contractor_updated": (
        "Carol Contractor @ Crumb",
        PROFILE,
        {
            **PROFILE,
            "weekly_capacity_minutes": 900,
            "default_rate_cents": 4500,
            "volume_tiers": [{"min_hours": 20, "rate_cents": 3500}],
        },
    ),
    "contractor_invited": ("Carol Contractor @ Crumb", None, {"email": "carol@studio.example"}),
    "contractor_joined": ("Carol Contractor @ Crumb", None, {"user": "carol@studio.example"}),
    "contractor_profile_updated": (
        "Carol Contractor @ Crumb",
        {"working_hours": {"mon": ["09:00", "17:00"]}},
        {"working_hours": {"mon": ["08:00", "16:00"]}},
    ),
    "contractors_imported": ("Crumb", None, {"count": 12}),
    "engagement_status_changed": ("Carol Contractor @ Crumb", {"status": "vetting"}, {"status": "active"}),
    "engagement_capacity_changed": (
        "Carol Contractor @ Crumb",
        {"weekly_capacity_minutes": 360},
        {"weekly_capacity_minutes": 600},
    ),
    "budget_created": ("Website relaunch", None, BUDGET),
    "budget_updated": ("Website relaunch", BUDGET, {**BUDGET, "amount_cents": 600_000, "ends_on": "2025-12-31"}),
    "budget_alert_sent": (
        "Website relaunch",
        None,
        {"period_start": "2025-03-01", "thresholds": [50, 80], "spent_cents": 410_000},
    ),
    "expense_recorded": (
        "Expense €120.00 on 17 Mar 2025",
        None,
        {"amount_cents": 12_000, "currency": "EUR", "occurred_on": "2025-03-17", "budget_id": 3},
    ),
    "spend_reversed": (
        "Correction -€120.00 on 17 Mar 2025",
        {"entry_id": 9, "amount_cents": 12_000},
        {"amount_cents": -12_000, "text": "-€120.00"},
    ),
    "contract_created": ("Logo design", None, TERMS),
    "contract_updated": (
        "Logo design",
        TERMS,
        {**TERMS, "hourly_rate_cents": 4500, "exchange_rate_micros": 1_085_000, "budget_id": 4, "budget": "Brand"},
    ),
    "contract_activated": (
        "Logo design",
        {"status": "draft"},
        {"status": "active", "cost_cents": 160_000, "remaining_cents": 340_000},
    ),
    "contract_activated_over_budget": (
        "Logo design",
        {"status": "draft"},
        {
            "status": "active",
            "cost_cents": 160_000,
            "remaining_cents": 100_000,
            "budget": "Website relaunch",
            "currency": "EUR",
        },
    ),
    "contract_completed": ("Logo design", {"status": "active"}, {"status": "completed"}),
    "contract_ended": ("Logo design", {"status": "active"}, {"status": "ended"}),
    "milestone_accepted": (
        "First drafts",
        {"status": "pending"},
        {"status": "accepted", "amount_cents": 50_000, "spend_entry_id": 11},
    ),
    "time_entry_created": (
        "360 min on 2025-03-17",
        None,
        {"worked_on": "2025-03-17", "minutes": 360, "contract_id": 5},
    ),
    "time_entry_updated": ("300 min on 2025-03-17", TIME, {**TIME, "minutes": 300}),
    "time_entry_resubmitted": (
        "300 min on 2025-03-17",
        {**TIME, "status": "rejected", "rejection_reason": "Wrong day"},
        {**TIME, "worked_on": "2025-03-18", "status": "submitted"},
    ),
    "time_entry_deleted": ("360 min on 2025-03-17", TIME, {}),
    "time_entry_approved": (
        "360 min on 2025-03-17",
        {"status": "submitted"},
        {"status": "approved", "minutes": 360, "amount_cents": 24_000, "spend_entry_id": 12, "overrides": []},
    ),
    "time_entry_approved_with_override": (
        "6 h on 17 Mar 2025",
        {"status": "submitted"},
        {
            "status": "approved",
            "minutes": 360,
            "worked_on": "2025-03-17",
            "contractor": "Carol Contractor",
            "amount_cents": 24_000,
            "spend_entry_id": 12,
            "overrides": ["This week would reach 12 h of the 10 h cap (2 h over)."],
        },
    ),
    "time_entry_rejected": ("360 min on 2025-03-17", {"status": "submitted"}, {"status": "rejected"}),
    "bid_awarded": (
        "Bid by Carol Contractor on Spring photos",
        {"status": "submitted"},
        {
            "status": "awarded",
            "job": "Spring photos",
            "contractor": "Carol Contractor",
            "contract": "Spring photos",
            "total_cents": 300_000,
            "currency": "EUR",
            "missing": [],
            "declined": 2,
            "alternates": 1,
        },
    ),
    "bid_awarded_unvetted": (
        "Bid by Carol Contractor on Spring photos",
        {"status": "submitted"},
        {
            "status": "awarded",
            "job": "Spring photos",
            "contractor": "Carol Contractor",
            "contract": "Spring photos",
            "total_cents": 300_000,
            "currency": "EUR",
            "missing": ["1 interview with a scorecard", "2 references received"],
            "declined": 1,
            "alternates": 0,
        },
    ),
    "bid_declined": (
        "Bid by Erin Bidder on Spring photos",
        {"status": "submitted"},
        {"status": "declined", "job": "Spring photos", "contractor": "Erin Bidder"},
    ),
    "bid_kept_as_alternate": (
        "Bid by Erin Bidder on Spring photos",
        {"status": "submitted"},
        {"status": "alternate", "job": "Spring photos", "contractor": "Erin Bidder"},
    ),
    "vetting_policy_updated": (
        "Vetting policy of Crumb & Co.",
        {"min_interviews": 1, "min_references": 2, "require_company_checks": False},
        {"min_interviews": 2, "min_references": 2, "require_company_checks": True},
    ),
    "task_created": (
        "Spring menu photos",
        None,
        {"status": "draft", "contractor": "Carol Contractor", "contract": "Photos"},
    ),
    "task_updated": (
        "Spring menu photos",
        {"status": "draft"},
        {"status": "draft", "changed": ["goal", "deadline_at"]},
    ),
    "task_sent": ("Spring menu photos", {"status": "draft"}, {"status": "sent", "contractor": "Carol Contractor"}),
    "task_sent_with_override": (
        "Spring menu photos",
        {"status": "draft"},
        {
            "status": "sent",
            "contractor": "Carol Contractor",
            "findings": ["The brief has no deadline.", "The brief does not say why the work is needed."],
        },
    ),
    "task_accepted": ("Spring menu photos", {"status": "sent"}, {"status": "accepted", "contractor": "Carol"}),
    "task_declined": ("Spring menu photos", {"status": "sent"}, {"status": "declined", "reason": "Fully booked"}),
    "task_question_asked": (
        "Spring menu photos",
        {"status": "sent"},
        {"status": "question", "question": "Which dishes?"},
    ),
    "task_answered": (
        "Spring menu photos",
        {"status": "question"},
        {"status": "sent", "question": "Which dishes?", "answer": "The cakes first."},
    ),
    "task_started": ("Spring menu photos", {"status": "accepted"}, {"status": "in_progress"}),
    "task_submitted": ("Spring menu photos", {"status": "in_progress"}, {"status": "submitted"}),
    "task_done": ("Spring menu photos", {"status": "submitted"}, {"status": "done"}),
    "task_cancelled": ("Spring menu photos", {"status": "sent"}, {"status": "cancelled"}),
    "task_message_posted": (
        "Spring menu photos",
        None,
        {"contractor": "Carol Contractor", "from_contractor": False, "urgent": False, "held_until": "Tue 09:00"},
    ),
    "task_milestone_added": (
        "Drafts",
        None,
        {"task": "Spring menu photos", "due_on": "2025-03-20", "amount_cents": 12_000, "currency": "EUR"},
    ),
    "task_checkin_cadence_set": (
        "Spring menu photos",
        {"kind": "weekly", "weekday": 0, "every_days": None},
        {"kind": "working_days", "weekday": None, "every_days": 3},
    ),
    "task_checkin_cadence_cleared": ("Spring menu photos", {"kind": "weekly", "weekday": 0, "every_days": None}, None),
    "task_checked_in": (
        "Spring menu photos",
        None,
        {"checkin_status": "at_risk", "percent_done": 40, "note": "The oven broke"},
    ),
    "task_reminder_sent": (
        "Spring menu photos",
        None,
        {"kind": "overdue", "recipient": "Carol Contractor", "due_at": "2025-03-21T16:00:00+00:00"},
    ),
    "calendar_feed_created": ("Calendar feed of Carol", None, None),
    "calendar_feed_rotated": ("Calendar feed of Carol", None, None),
    "calendar_feed_revoked": ("Calendar feed of Carol", None, None),
    "retainer_fee_posted": (
        "Retainer fee €2,000.00 on 1 Mar 2025",
        None,
        {"contract_id": 5, "month": "2025-03-01", "amount_cents": 200_000, "until": "2025-03-31"},
    ),
    # hiring: jobs
    "job_created": ("Spring menu photos", None, {**JOB, "status": "draft"}),
    "job_updated": (
        "Spring menu photos",
        {"title": "Menu photos", "goal": "Sell", "expected_max_cents": 300_000, "bids_due_at": None, "currency": "EUR"},
        {
            "title": "Spring menu photos",
            "goal": "Sell more",
            "expected_max_cents": 350_000,
            "bids_due_at": "2025-03-24T17:00:00+00:00",
            "currency": "EUR",
        },
    ),
    "job_opened": (
        "Spring menu photos",
        {"status": "draft"},
        {"status": "open", "bids_due_at": "2025-03-24T17:00:00+00:00"},
    ),
    "job_reopened": (
        "Spring menu photos",
        {"status": "closed"},
        {"status": "open", "bids_due_at": "2025-03-31T17:00:00+00:00"},
    ),
    "job_closed": ("Spring menu photos", {"status": "open"}, {"status": "closed", "bids_due_at": None}),
    "job_cancelled": ("Spring menu photos", {"status": "draft"}, {"status": "cancelled", "bids_due_at": None}),
    "job_contractors_invited": ("Spring menu photos", None, {"contractors": ["Carol Contractor", "Erin Bidder"]}),
    "job_share_link_created": (
        "Spring menu photos",
        None,
        {"expires_at": "2025-03-31T10:00:00+00:00", "replaced": True},
    ),
    "job_share_link_revoked": ("Spring menu photos", None, None),
    # hiring: bids and the bidders' Q&A
    "bid_submitted": (
        "Bid by Carol Contractor on Product photos",
        None,
        {**BID, "revision": 1, "through_share_link": False},
    ),
    "bid_revised": (
        "Bid by Carol Contractor on Product photos",
        None,
        {
            **BID,
            "rate_model": "hourly",
            "fixed_total_cents": None,
            "hourly_rate_cents": 5000,
            "estimated_minutes": 2400,
            "total_cents": 200_000,
            "total_budget_cents": 200_000,
            "revision": 2,
            "through_share_link": False,
        },
    ),
    "bid_withdrawn": (
        "Bid by Carol Contractor on Product photos",
        {"status": "submitted"},
        {"status": "withdrawn", "job": "Product photos", "contractor": "Carol Contractor"},
    ),
    "job_message_posted": (
        "Message on Product photos",
        None,
        {"job": "Product photos", "contractor": "Carol Contractor", "from_contractor": True},
    ),
    "reference_requested": (
        "Pat Referee about Carol Contractor",
        None,
        {**REFERENCE, "expires_at": "2025-03-31T10:00:00+00:00"},
    ),
    "reference_received": (
        "Pat Referee about Carol Contractor",
        {"status": "requested"},
        {**REFERENCE, "status": "received", "would_hire_again": True},
    ),
    "reference_reminded": ("Pat Referee about Carol Contractor", None, REFERENCE),
    "reference_expired": (
        "Pat Referee about Carol Contractor",
        {"status": "requested"},
        {**REFERENCE, "status": "expired"},
    ),
    "company_check_updated": (
        "Business registration of 4",
        {"status": "pending", "note": "", "evidence_url": ""},
        {
            "item": "registration",
            "status": "verified",
            "note": "Registry entry",
            "evidence_url": "",
            "evidence": "file",
            "contractor": "Carol Contractor",
            "engagement_id": 4,
        },
    ),
    "interview_scheduled": (
        "Interview with Carol Contractor",
        None,
        {**INTERVIEW, "outside_working_hours": True, "moved_to_vetting": True},
    ),
    "interview_rescheduled": (
        "Interview with Carol Contractor",
        INTERVIEW,
        {**INTERVIEW, "starts_at": "2025-03-19T09:30:00+00:00", "outside_working_hours": False},
    ),
    "interview_cancelled": (
        "Interview with Carol Contractor",
        {"status": "scheduled"},
        {"status": "cancelled", **INTERVIEW},
    ),
    "interview_completed": (
        "Interview with Carol Contractor",
        {"status": "scheduled"},
        {"status": "done", **INTERVIEW},
    ),
    "scorecard_submitted": (
        "Scorecard of Interview with Carol Contractor",
        None,
        {**SCORES, "contractor": "Carol Contractor"},
    ),
    "scorecard_updated": (
        "Scorecard of Interview with Carol Contractor",
        {**SCORES, "contractor": "Carol Contractor"},
        {**SCORES, "skill": 2, "contractor": "Carol Contractor"},
    ),
}
# What any action might carry, for actions declared after this file was written.
ANY_PAYLOAD = {
    "amount_cents": 4000,
    "weekly_cap_minutes": 360,
    "budget_id": 3,
    "exchange_rate_micros": 920_000,
    "worked_on": "2025-03-17",
    "status": "one_off",
}
RAW = re.compile(r"_cents|_micros|_id\b|_minutes|\bminutes\b|\b360\b|\b4000\b|None|[{}\[\]]|\b[a-z]+_[a-z]+\b")


def _event(action, name, before, after) -> Event:
    return Event(action=action, object_type="x.y", object_repr=name, before=before, after=after)


def _read_as_words(sentence: str) -> None:
    assert RAW.search(sentence) is None, sentence
    assert sentence.endswith(".")


@pytest.mark.parametrize("action", sorted(declared_actions()))
def test_every_action_reads_as_a_sentence_of_its_own_payload(action):
    declared = declared_actions()[action]
    name, before, after = SAMPLES.get(action, ("Logo design", ANY_PAYLOAD, {**ANY_PAYLOAD, "amount_cents": 4500}))
    if declared.describe is not None:  # raises here rather than falling back to the general words
        declared.describe(Entry(before=before or {}, after=after or {}, object_repr=name, currency="EUR"))
    _read_as_words(event_sentence(_event(action, name, before, after)))


@pytest.mark.parametrize("action", sorted(declared_actions()))
def test_every_action_still_reads_with_a_payload_it_did_not_expect(action):
    _read_as_words(event_sentence(_event(action, "Logo design", ANY_PAYLOAD, {**ANY_PAYLOAD, "minutes": 90})))
    _read_as_words(event_sentence(_event(action, "", None, None)))


def test_the_declared_actions_all_have_a_sample_here():
    assert set(SAMPLES) == set(declared_actions())


def _says(action: str, currency: str = "EUR") -> str:
    name, before, after = SAMPLES[action]
    return describe(action, Entry(before=before or {}, after=after or {}, object_repr=name, currency=currency))


def test_money_reads_with_its_currency_and_time_in_hours():
    assert _says("contract_updated") == (
        "changed the contract “Logo design”: set the exchange rate to 1.085, raised the hourly rate from €40.00 "
        "to €45.00 and changed the budget from “Website relaunch” to “Brand”"
    )
    assert _says("engagement_capacity_changed") == (
        "set the weekly hours Carol Contractor gives this organization to 10 h (was 6 h)"
    )
    assert _says("time_entry_approved", currency="USD") == "approved 6 h on 17 Mar 2025 ($240.00)"


def test_an_override_says_what_was_overridden():
    assert _says("contract_activated_over_budget") == (
        "overrode the budget “Website relaunch” to activate the contract “Logo design”, committing €1,600.00 "
        "with only €1,000.00 left"
    )
    assert _says("time_entry_approved_with_override") == (
        "overrode the limits to approve 6 h by Carol Contractor on 17 Mar 2025 (€240.00): "
        "This week would reach 12 h of the 10 h cap (2 h over)"
    )


def test_references_and_company_checks_read_as_sentences():
    assert _says("reference_requested") == (
        "asked Pat Referee (Client for two years) for a reference about Carol Contractor"
    )
    assert _says("reference_received") == (
        "received the reference from Pat Referee about Carol Contractor, who would hire them again"
    )
    assert _says("company_check_updated") == (
        "verified the business registration of Carol Contractor with an evidence file"
    )


def test_overrides_are_the_declared_ones():
    assert override_actions() == [
        "bid_awarded_unvetted",
        "contract_activated_over_budget",
        "task_sent_with_override",
        "time_entry_approved_with_override",
    ]


def test_an_award_says_who_won_and_what_became_of_the_others():
    assert _says("bid_awarded") == (
        "awarded the job “Spring photos” to Carol Contractor (€3,000.00), declining 2 other bids and keeping 1 "
        "as an alternate"
    )
    assert _says("bid_awarded_unvetted") == (
        "overrode the vetting policy to award the job “Spring photos” to Carol Contractor, who still lacked "
        "1 interview with a scorecard and 2 references received, declining 1 other bid"
    )
    assert _says("vetting_policy_updated") == (
        "changed the vetting policy: raised the interviews with a scorecard asked for from 1 to 2 and changed the "
        "verified company checklist requirement from no to yes"
    )


def test_a_task_sent_over_the_brief_check_says_what_was_open():
    assert _says("task_sent_with_override") == (
        "overrode the brief check to send the task “Spring menu photos” to Carol Contractor with 2 open findings: "
        "The brief has no deadline; The brief does not say why the work is needed"
    )
    assert _says("task_declined") == "declined the task “Spring menu photos”: “Fully booked”"


def test_an_undeclared_action_reads_as_its_words_and_its_changes():
    event = _event("budget_threshold_crossed", "Ads", {"amount_cents": 100}, {"amount_cents": 250})
    assert event_sentence(event) == "budget threshold crossed “Ads”: raised the amount from 1.00 to 2.50."


def test_jobs_read_as_sentences():
    # A moment reads in the viewer's zone; this one is UTC.
    with timezone.override("UTC"):
        updated = _says("job_updated")
    assert _says("job_created") == (
        "drafted the job “Spring menu photos” from the budget “Photos”, expecting €1,500.00 to €3,000.00"
    )
    assert updated == (
        "changed the job “Spring menu photos”: changed the title from “Menu photos” to “Spring menu photos”, "
        "raised the highest expected amount from €3,000.00 to €3,500.00 and set the bid deadline to "
        "24 Mar 2025, 17:00; rewrote the goal"
    )
    assert _says("job_contractors_invited") == (
        "invited Carol Contractor and Erin Bidder to bid on “Spring menu photos”"
    )


def test_bids_read_with_their_terms():
    assert _says("bid_submitted") == "submitted a bid on the job “Product photos”: €3,000.00 fixed price"
    assert _says("bid_revised") == (
        "revised the bid on the job “Product photos” (revision 2): €50.00 an hour for about 40 h (€2,000.00)"
    )


def test_check_ins_and_reminders_read_as_sentences():
    assert (
        _says("task_checkin_cadence_set") == "set the check-ins of the task “Spring menu photos”: every 3 working days"
    )
    assert _says("task_checked_in") == (
        "checked in on the task “Spring menu photos”: at risk, 40 % done (“The oven broke”)"
    )
    assert _says("task_reminder_sent") == "reminded Carol Contractor that the task “Spring menu photos” is overdue"
