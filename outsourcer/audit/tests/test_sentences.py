"""Every audit action reads as a sentence a bookkeeper understands: money with its currency,
durations in hours, dates as dates, and never a stored field name or a row id."""

import re

import pytest

from outsourcer.audit.actions import Entry, declared_actions, describe, event_sentence, override_actions
from outsourcer.audit.models import Event
from outsourcer.audit.tests.samples_hiring_work import HIRING_AND_WORK_SAMPLES
from outsourcer.audit.tests.samples_oversight import OVERSIGHT_SAMPLES
from outsourcer.audit.tests.samples_similar import SIMILAR_SAMPLES

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
TIME = {"worked_on": "2025-03-17", "minutes": 360, "note": "Sketches"}

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
    **HIRING_AND_WORK_SAMPLES,
    **OVERSIGHT_SAMPLES,
    **SIMILAR_SAMPLES,
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


def test_overrides_are_the_declared_ones():
    assert override_actions() == [
        "bid_awarded_unvetted",
        "contract_activated_over_budget",
        "job_duplicate_overridden",
        "task_duplicate_overridden",
        "task_sent_with_override",
        "time_entry_approved_with_override",
    ]


def test_an_undeclared_action_reads_as_its_words_and_its_changes():
    event = _event("budget_threshold_crossed", "Ads", {"amount_cents": 100}, {"amount_cents": 250})
    assert event_sentence(event) == "budget threshold crossed “Ads”: raised the amount from 1.00 to 2.50."
