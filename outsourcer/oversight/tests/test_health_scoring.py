"""The Health Check's scoring (oversight/health.py, docs/health.md): hand-computed cases, then
properties over any facts — every score in 0–100 and moving the right way when a fact improves."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outsourcer.oversight.health import HealthFacts, health_score

EXAMPLE = HealthFacts(
    budgets=4, budgets_overrun=1, budget_overrides=2,
    active_contractors=5, vetted_contractors=3, unvetted_awards=1, idle_contractors=1, duplicate_detector=True,
    tasks_sent=10, tasks_sent_with_override=2, open_questions=1, unanswered_messages=2,
    reviews=2, review_latency_minutes=4 * 24 * 60, accepted_deliverables=4, accepted_with_feedback=1,
    tasks_in_progress=2, tasks_with_checkins=2, checkins_missed=1, ratings=3, rating_average_tenths=40,
    measured_contractors=4, under_used=1, over_booked=1, areas=2, areas_spread=1,
    messages_sent=10, messages_off_hours=2, deadlines=4, deadlines_off_hours=1,
)  # fmt: skip


def scores(facts: HealthFacts) -> dict:
    return {score.key: score.score for score in health_score(facts).scores}


@pytest.mark.parametrize(
    ("facts", "key", "expected"),
    [
        # 100 − 50 × 1/4 overrun − 10 × 2 overrides = 67.5
        (EXAMPLE, "budget", 68),
        (replace(EXAMPLE, budget_overrides=9), "budget", 38),  # the overrides' penalty stops at 50
        # 100 − 70 × 2/5 not vetted − 10 × 1 award without vetting
        (EXAMPLE, "choosing", 62),
        (replace(EXAMPLE, vetted_contractors=5, unvetted_awards=0), "choosing", 100),
        # 100 − 20 × 1/5 idle − 20 × 1/4 under-used − 20 × 1/4 over-booked − 20 × 1/2 areas spread
        # − 10 × duplicate overrides
        (EXAMPLE, "using", 76),
        (replace(EXAMPLE, duplicate_overrides=2), "using", 56),
        (replace(EXAMPLE, duplicate_overrides=9), "using", 36),  # the overrides' penalty stops at 40
        (replace(EXAMPLE, under_used=0, over_booked=0, areas_spread=0), "using", 96),
        # no capacity declared, no area with spend: those penalties are not guessed
        (replace(EXAMPLE, measured_contractors=0, areas=0), "using", 96),
        (replace(EXAMPLE, under_used=4, over_booked=4, areas_spread=2, idle_contractors=5), "using", 20),
        # 100 − 50 × 2/10 sent over the check − 10 × 1 question − 5 × 2 messages
        (EXAMPLE, "communication", 70),
        (replace(EXAMPLE, open_questions=7, unanswered_messages=9), "communication", 40),  # capped at 30 and 20
        # mean of feedback 1/4 → 25, latency 4 days → 50, check-ins kept 1/2 → 50, messages inside
        # their hours 8/10 → 80, deadlines inside their hours 3/4 → 75, rating 4.0 → 75: 355 / 6
        (EXAMPLE, "monitoring", 59),
        (replace(EXAMPLE, accepted_with_feedback=4), "monitoring", 72),  # 430 / 6 = 71.7
        (replace(EXAMPLE, ratings=2), "monitoring", 56),  # under three ratings they do not count: 280 / 5
        (replace(EXAMPLE, review_latency_minutes=60), "monitoring", 68),  # within a day: 405 / 6 = 67.5
        (replace(EXAMPLE, messages_off_hours=10, deadlines_off_hours=4), "monitoring", 33),  # 200 / 6
        (replace(EXAMPLE, messages_sent=0, deadlines=0), "monitoring", 50),  # no data: 200 / 4, not a guess
    ],
)
def test_each_score_matches_the_hand_computed_figure(facts, key, expected):
    assert scores(facts)[key] == expected


def test_the_overall_is_the_mean_of_the_scores_with_data():
    assert health_score(EXAMPLE).overall == 67  # (68 + 62 + 76 + 70 + 59) / 5 = 67
    only_budget = HealthFacts(budgets=2)
    assert scores(only_budget) == {
        "budget": 100, "choosing": None, "using": None, "communication": None, "monitoring": None,
    }  # fmt: skip
    assert health_score(only_budget).overall == 100


def test_an_organization_without_data_gets_no_score_rather_than_a_guess():
    report = health_score(HealthFacts())
    assert report.overall is None
    assert all(score.score is None for score in report.scores)
    budget = report.scores[0]
    assert [action.text for action in budget.actions] == ["Set a budget for the work you outsource"]


def test_the_duplicate_signal_says_no_data_yet_without_the_detector():
    using = health_score(replace(EXAMPLE, duplicate_detector=False)).scores[2]
    assert "duplicate-task overrides" in using.missing
    assert dict((f.label, f.value) for f in using.facts)["Duplicate-task overrides"] == "no data yet"


def test_the_new_signals_say_no_data_yet_rather_than_a_guess():
    bare = replace(EXAMPLE, measured_contractors=0, under_used=0, over_booked=0, areas=0, messages_sent=0, deadlines=0)
    using, monitoring = health_score(bare).scores[2], health_score(bare).scores[4]
    assert using.missing == [
        "utilization against declared capacity",
        "spend spread across contractors for the same work",
    ]
    assert monitoring.missing == ["messages in contractors' off-hours", "deadlines in their off-hours"]
    shown = {f.label: f.value for f in (*using.facts, *monitoring.facts)}
    assert shown["Under-used (below 50 % of their capacity)"] == "no data yet"
    assert shown["Areas whose work one contractor could take over"] == "no data yet"
    assert shown["Messages reaching contractors off-hours"] == "no data yet"
    assert {f.label: f.value for f in health_score(EXAMPLE).scores[4].facts}[
        "Deadlines outside contractors' hours"
    ] == "1 of 4"


def test_the_top_actions_are_concrete_and_ordered_by_what_they_gain():
    monitoring = health_score(EXAMPLE).scores[4]
    assert [(a.text, a.gain) for a in monitoring.actions] == [
        ("Give feedback on 3 accepted deliverables", 12),  # (100 − 25) / 6
        ("Review hand-overs within a day", 8),
        ("Set up or catch up check-ins on 1 task", 8),
    ]
    using = health_score(EXAMPLE).scores[2]
    assert [(a.text, a.gain, a.link) for a in using.actions] == [
        ("Consolidate the work of 1 area", 10, "consolidation"),
        ("Give more of your work to 1 under-used contractor", 5, "utilization"),
        ("Take work off 1 over-booked contractor", 5, "utilization"),
    ]
    perfect = health_score(replace(EXAMPLE, vetted_contractors=5, unvetted_awards=0)).scores[1]
    assert perfect.actions == []  # nothing to raise


counts = st.integers(min_value=0, max_value=500)
facts_strategy = st.builds(
    HealthFacts,
    **{name: counts for name in HealthFacts.__dataclass_fields__ if name != "duplicate_detector"},
    duplicate_detector=st.booleans(),
)


@given(facts_strategy)
def test_every_score_stays_between_0_and_100(facts):
    report = health_score(facts)
    for score in report.scores:
        assert score.score is None or 0 <= score.score <= 100
        assert all(action.gain > 0 for action in score.actions)
    assert report.overall is None or 0 <= report.overall <= 100


@given(facts_strategy, st.integers(min_value=1, max_value=50))
def test_more_feedback_never_lowers_the_monitoring_score(facts, more):
    better = replace(facts, accepted_with_feedback=facts.accepted_with_feedback + more)
    before, after = scores(facts)["monitoring"], scores(better)["monitoring"]
    assert before is None or after >= before


@given(facts_strategy, st.integers(min_value=1, max_value=50))
def test_more_off_hours_and_spread_never_raise_a_score(facts, more):
    worse = replace(
        facts,
        under_used=facts.under_used + more,
        over_booked=facts.over_booked + more,
        areas_spread=facts.areas_spread + more,
        messages_off_hours=facts.messages_off_hours + more,
        deadlines_off_hours=facts.deadlines_off_hours + more,
    )
    before, after = scores(facts), scores(worse)
    for key in ("using", "monitoring"):
        assert before[key] is None or after[key] <= before[key]


@given(facts_strategy, st.integers(min_value=1, max_value=50))
def test_more_overrides_and_waiting_never_raise_a_score(facts, more):
    worse = replace(
        facts,
        budget_overrides=facts.budget_overrides + more,
        unvetted_awards=facts.unvetted_awards + more,
        duplicate_overrides=facts.duplicate_overrides + more,
        open_questions=facts.open_questions + more,
        unanswered_messages=facts.unanswered_messages + more,
    )
    before, after = scores(facts), scores(worse)
    for key in ("budget", "choosing", "using"):
        assert before[key] is None or after[key] <= before[key]
    assert after["communication"] is not None
    assert before["communication"] is None or after["communication"] <= before["communication"]
