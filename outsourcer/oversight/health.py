"""The Outsourcing Health Check's scoring (docs/health.md): a pure function from the facts the
selector gathers (selectors/health.py) to a 0–100 score per mistake of PRODUCT.md, the facts
behind each, and the actions that would raise it. No database, no clock: table-driven tests.

A fact or an action names its link by a key ("tasks:question", "activity:task_sent_with_override");
the pages and the API turn keys into URLs (health_link). A score whose data does not exist yet is
None ("no data yet"), never a guess.
"""

from dataclasses import dataclass, field

WINDOW_DAYS = 90  # the facts count what happened in the last 90 days, or what is open now
MIN_RATINGS = 3  # contractors' ratings of the organization show only from three on
GOOD_LATENCY_MINUTES = 24 * 60  # a review within a day scores full marks
BAD_LATENCY_MINUTES = 7 * 24 * 60  # a week or more scores nothing

BUDGET_OVERRIDE_ACTIONS = ("contract_activated_over_budget", "time_entry_approved_with_override")
UNVETTED_ACTIONS = ("bid_awarded_unvetted",)
DUPLICATE_ACTIONS = ("task_duplicate_overridden", "job_duplicate_overridden")
BRIEF_OVERRIDE_ACTIONS = ("task_sent_with_override",)
MESSAGE_ACTIONS = ("task_message_posted",)  # the activity log's rows behind the off-hours messages


@dataclass(frozen=True)
class HealthFacts:
    """What the organization's own data says; counts over the window unless they say "open"."""

    budgets: int = 0  # budgets in force
    budgets_overrun: int = 0  # of them, those that reached 100 % in the window
    budget_overrides: int = 0  # contracts activated over budget, time approved over the limit
    active_contractors: int = 0
    vetted_contractors: int = 0  # active and passing the vetting policy
    unvetted_awards: int = 0
    idle_contractors: int = 0  # active, with no open task
    duplicate_overrides: int = 0
    duplicate_detector: bool = False  # whether the duplicate-task detector records overrides at all
    tasks_sent: int = 0
    tasks_sent_with_override: int = 0
    open_questions: int = 0  # tasks waiting for the answer to the contractor's question
    unanswered_messages: int = 0  # contractors' messages unread for more than two days
    reviews: int = 0
    review_latency_minutes: int = 0  # the average, over `reviews`
    accepted_deliverables: int = 0
    accepted_with_feedback: int = 0
    tasks_in_progress: int = 0
    tasks_with_checkins: int = 0  # in progress, with a check-in cadence
    checkins_missed: int = 0  # of them, with the last check-in missed
    ratings: int = 0
    rating_average_tenths: int = 0  # the average of the three ratings × 10 (e.g. 42 = 4.2)
    measured_contractors: int = 0  # active, with a declared capacity (or booked past none)
    under_used: int = 0  # of them, under 50 % of their capacity every week shown
    over_booked: int = 0  # of them, over 100 % in a week shown
    areas: int = 0  # areas (budgets) with spend or tasks in the window
    areas_spread: int = 0  # of them, where the consolidation advisor suggests one contractor
    messages_sent: int = 0  # the organization's messages to contractors
    messages_off_hours: int = 0  # of them, reaching the contractor outside their hours (urgent, not held)
    deadlines: int = 0  # tasks sent with a deadline
    deadlines_off_hours: int = 0  # of them, due outside the contractor's working hours


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    link: str = ""


@dataclass(frozen=True)
class Action:
    text: str
    link: str = ""
    gain: int = 0  # points the score would gain, for the order


@dataclass(frozen=True)
class Score:
    key: str
    number: int
    title: str
    score: int | None  # None: no data yet
    facts: list[Fact] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # signals without data yet


@dataclass(frozen=True)
class HealthReport:
    scores: list[Score]
    overall: int | None


def _clamp(value: float) -> int:
    return max(0, min(100, round(value)))


def _share(part: int, whole: int) -> float:
    return min(part, whole) / whole if whole else 0.0


def _plural(count: int, word: str, plural: str = "") -> str:
    return f"{count} {word}" if count == 1 else f"{count} {plural or word + 's'}"


def _of(part: int, whole: int) -> str:
    return f"{part} of {whole}" if whole else "no data yet"


def _top(actions: list[Action]) -> list[Action]:
    return sorted((a for a in actions if a.gain > 0), key=lambda a: -a.gain)[:3]


def score_budget(f: HealthFacts) -> Score:
    facts = [
        Fact("Budgets in force", str(f.budgets), "budgets:list"),
        Fact("Budgets that reached 100 %", str(f.budgets_overrun), "budgets:list"),
        Fact("Budget overrides", str(f.budget_overrides), "activity:budget_overrides"),
    ]
    if not f.budgets:
        actions = [Action("Set a budget for the work you outsource", "budgets:create", 100)]
        return Score("budget", 1, "Budget", None, facts, actions)
    overrun = 50 * _share(f.budgets_overrun, f.budgets)
    overrides = min(50, 10 * f.budget_overrides)
    actions = [
        Action(f"Review the {_plural(f.budgets_overrun, 'budget')} that ran over", "budgets:list", round(overrun)),
        Action(
            f"Look into the {_plural(f.budget_overrides, 'budget override')}", "activity:budget_overrides", overrides
        ),
    ]
    return Score("budget", 1, "Budget", _clamp(100 - overrun - overrides), facts, _top(actions))


def score_choosing(f: HealthFacts) -> Score:
    facts = [
        Fact("Active contractors", str(f.active_contractors), "contractors:active"),
        Fact("Of them, vetted", str(f.vetted_contractors), "contractors:active"),
        Fact("Awards without vetting", str(f.unvetted_awards), "activity:unvetted"),
    ]
    if not f.active_contractors:
        return Score("choosing", 2, "Choosing contractors", None, facts, [])
    unvetted = f.active_contractors - min(f.vetted_contractors, f.active_contractors)
    vetting = 70 * _share(unvetted, f.active_contractors)
    awards = min(30, 10 * f.unvetted_awards)
    actions = [
        Action(f"Finish vetting {_plural(unvetted, 'active contractor')}", "contractors:active", round(vetting)),
        Action("Stop awarding work without vetting", "activity:unvetted", awards),
    ]
    return Score("choosing", 2, "Choosing contractors", _clamp(100 - vetting - awards), facts, _top(actions))


def score_using(f: HealthFacts) -> Score:
    facts = [
        Fact("Active contractors with no open task", str(f.idle_contractors), "contractors:active"),
        Fact("Under-used (below 50 % of their capacity)", _of(f.under_used, f.measured_contractors), "utilization"),
        Fact("Over-booked (above 100 % of their capacity)", _of(f.over_booked, f.measured_contractors), "utilization"),
        Fact("Areas whose work one contractor could take over", _of(f.areas_spread, f.areas), "consolidation"),
        Fact(
            "Duplicate-task overrides",
            str(f.duplicate_overrides) if f.duplicate_detector else "no data yet",
            "activity:duplicates" if f.duplicate_detector else "",
        ),
    ]
    missing = []
    if not f.measured_contractors:
        missing.append("utilization against declared capacity")
    if not f.areas:
        missing.append("spend spread across contractors for the same work")
    if not f.duplicate_detector:
        missing.append("duplicate-task overrides")
    if not f.active_contractors:
        return Score("using", 3, "Using contractors well", None, facts, [], missing)
    idle = 20 * _share(f.idle_contractors, f.active_contractors)
    under = 20 * _share(f.under_used, f.measured_contractors)
    over = 20 * _share(f.over_booked, f.measured_contractors)
    spread = 20 * _share(f.areas_spread, f.areas)
    duplicates = min(40, 10 * f.duplicate_overrides)
    actions = [
        Action(
            f"Give work to, or end, {_plural(f.idle_contractors, 'idle contractor')}", "contractors:active", round(idle)
        ),
        Action(
            f"Give more of your work to {_plural(f.under_used, 'under-used contractor')}", "utilization", round(under)
        ),
        Action(f"Take work off {_plural(f.over_booked, 'over-booked contractor')}", "utilization", round(over)),
        Action(f"Consolidate the work of {_plural(f.areas_spread, 'area')}", "consolidation", round(spread)),
        Action("Stop giving the same task to several contractors", "activity:duplicates", duplicates),
    ]
    score = _clamp(100 - idle - under - over - spread - duplicates)
    return Score("using", 3, "Using contractors well", score, facts, _top(actions), missing)


def score_communication(f: HealthFacts) -> Score:
    facts = [
        Fact("Tasks sent", str(f.tasks_sent), "tasks:all"),
        Fact("Sent despite the brief check", str(f.tasks_sent_with_override), "activity:brief_overrides"),
        Fact("Questions waiting for your answer", str(f.open_questions), "tasks:question"),
        Fact("Contractors' messages unread for over two days", str(f.unanswered_messages), "tasks:in_progress"),
    ]
    if not (f.tasks_sent or f.open_questions or f.unanswered_messages):
        return Score("communication", 4, "Communication", None, facts, [])
    overrides = 50 * _share(f.tasks_sent_with_override, f.tasks_sent) if f.tasks_sent else 0
    questions = min(30, 10 * f.open_questions)
    messages = min(20, 5 * f.unanswered_messages)
    actions = [
        Action(f"Answer {_plural(f.open_questions, 'question')}", "tasks:question", questions),
        Action(f"Read {_plural(f.unanswered_messages, 'contractor message')}", "tasks:in_progress", messages),
        Action("Complete briefs until the check passes before sending", "activity:brief_overrides", round(overrides)),
    ]
    return Score(
        "communication", 4, "Communication", _clamp(100 - overrides - questions - messages), facts, _top(actions)
    )


def _latency_part(f: HealthFacts) -> float:
    span = BAD_LATENCY_MINUTES - GOOD_LATENCY_MINUTES
    late = min(max(f.review_latency_minutes - GOOD_LATENCY_MINUTES, 0), span)
    return 100 * (1 - late / span)


def score_monitoring(f: HealthFacts) -> Score:
    hours = f"{f.review_latency_minutes / 60:.1f} h" if f.reviews else "no reviews yet"
    rating = f"{f.rating_average_tenths / 10:.1f} of 5 ({f.ratings})" if f.ratings >= MIN_RATINGS else "fewer than 3"
    facts = [
        Fact("Average time to review a hand-over", hours, "oversight:reviews"),
        Fact("Accepted deliverables", str(f.accepted_deliverables), "oversight:reviews"),
        Fact("Of them, with your feedback", str(f.accepted_with_feedback), "oversight:reviews"),
        Fact(
            "Tasks in progress with check-ins", f"{f.tasks_with_checkins} of {f.tasks_in_progress}", "tasks:in_progress"
        ),
        Fact("Check-ins missed", str(f.checkins_missed), "tasks:in_progress"),
        Fact("Contractors' rating of you", rating, ""),
        Fact(
            "Messages reaching contractors off-hours", _of(f.messages_off_hours, f.messages_sent), "activity:messages"
        ),
        Fact(
            "Deadlines outside contractors' hours", _of(f.deadlines_off_hours, f.deadlines), "activity:brief_overrides"
        ),
    ]
    missing = [
        name
        for name, count in (
            ("messages in contractors' off-hours", f.messages_sent),
            ("deadlines in their off-hours", f.deadlines),
        )
        if not count
    ]
    # Each part is 0–100 and weighs the same; an action's gain is what its part lacks, over the parts.
    parts: list[tuple[float, Action | None]] = []
    if f.accepted_deliverables:
        owed = f.accepted_deliverables - min(f.accepted_with_feedback, f.accepted_deliverables)
        feedback = Action(f"Give feedback on {_plural(owed, 'accepted deliverable')}", "feedback:owed")
        parts.append((100 * (1 - owed / f.accepted_deliverables), feedback))
    if f.reviews:
        parts.append((_latency_part(f), Action("Review hand-overs within a day", "oversight:reviews")))
    if f.tasks_in_progress:
        watched = min(f.tasks_with_checkins, f.tasks_in_progress) - min(f.checkins_missed, f.tasks_with_checkins)
        unwatched = f.tasks_in_progress - watched
        checkins = Action(f"Set up or catch up check-ins on {_plural(unwatched, 'task')}", "tasks:in_progress")
        parts.append((100 * watched / f.tasks_in_progress, checkins))
    if f.messages_sent:
        urgent = Action(
            "Mark messages urgent only when they cannot wait for the contractor's hours", "activity:messages"
        )
        parts.append((100 * (1 - _share(f.messages_off_hours, f.messages_sent)), urgent))
    if f.deadlines:
        inside = Action("Set deadlines inside the contractor's working hours", "activity:brief_overrides")
        parts.append((100 * (1 - _share(f.deadlines_off_hours, f.deadlines)), inside))
    if f.ratings >= MIN_RATINGS:
        parts.append((100 * (min(max(f.rating_average_tenths, 10), 50) - 10) / 40, None))
    if not parts:
        return Score("monitoring", 5, "Monitoring the work", None, facts, [], missing)
    actions = [Action(a.text, a.link, round((100 - part) / len(parts))) for part, a in parts if a]
    mean = sum(part for part, _ in parts) / len(parts)
    return Score("monitoring", 5, "Monitoring the work", _clamp(mean), facts, _top(actions), missing)


def health_score(facts: HealthFacts) -> HealthReport:
    """Every mistake's score, and the overall: the mean of the scores that have data (None when
    none has)."""
    scores = [
        score_budget(facts),
        score_choosing(facts),
        score_using(facts),
        score_communication(facts),
        score_monitoring(facts),
    ]
    known = [s.score for s in scores if s.score is not None]
    return HealthReport(scores, round(sum(known) / len(known)) if known else None)
