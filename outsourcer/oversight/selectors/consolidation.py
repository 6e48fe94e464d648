"""The consolidation advisor: per area (a budget — the name the organization gave the outsourced
work it pays for), the spend, approved hours and tasks of each contractor over the last 90 days,
and where work spread over several contractors could go to the most trusted one of them with spare
capacity, with the monthly saving their volume-rate tiers would bring (docs/oversight_utilization.md).

Every figure a suggestion rests on is in it. At most five queries, whatever the number of rows."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, Sum, Value

from outsourcer.budgets.models import SpendEntry, SpendKind
from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus
from outsourcer.hiring.trust import trust_scores
from outsourcer.lib.money import cents_for_minutes
from outsourcer.oversight.selectors.utilization import weeks_for_contractors
from outsourcer.work.models import Task
from outsourcer.work.week import zone_of

WINDOW_DAYS = 90
MONTHS_IN_WINDOW = 3  # 90 days read as three months
AREA_LIMIT = 100


@dataclass
class AreaShare:
    """One contractor's part of an area over the window."""

    contractor_id: int
    contractor_name: str
    spend_cents: int = 0
    time_spend_cents: int = 0
    minutes: int = 0
    tasks: int = 0


@dataclass(frozen=True)
class Suggestion:
    """Move the others' hourly work in the area to `target`: the numbers behind it."""

    target_id: int
    target_name: str
    trust: int
    moved_minutes_per_month: int
    moved_minutes_per_week: int
    current_cents_per_month: int
    spare_minutes_per_week: int
    weekly_minutes_after: int
    rate_cents: int | None  # the hourly rate the target would charge (None: no estimate)
    rate_source: str  # "tier from N h a week", "their current rate in this area", or why none
    projected_cents_per_month: int | None
    from_names: tuple[str, ...]

    @property
    def saving_cents_per_month(self) -> int | None:
        if self.projected_cents_per_month is None:
            return None
        return self.current_cents_per_month - self.projected_cents_per_month

    @property
    def extra_cents_per_month(self) -> int:
        """What the move would cost more a month (0 when it saves or cannot be estimated)."""
        return max(-(self.saving_cents_per_month or 0), 0)


@dataclass
class Area:
    budget_id: int
    name: str
    currency: str
    shares: list[AreaShare] = field(default_factory=list)
    suggestion: Suggestion | None = None
    why_not: str = ""

    @property
    def spend_cents(self) -> int:
        return sum(share.spend_cents for share in self.shares)

    @property
    def tasks(self) -> int:
        return sum(share.tasks for share in self.shares)


@dataclass
class Consolidation:
    since: date
    areas: list[Area]


def tier_rate(tiers: object, weekly_minutes: int) -> tuple[int, int] | None:
    """(min_hours, rate_cents) of the volume tier that applies at `weekly_minutes` a week: the one
    with the most hours not above them; None when none applies or the tiers are unreadable."""
    best = None
    for tier in tiers if isinstance(tiers, list) else []:
        try:
            hours, rate = int(tier["min_hours"]), int(tier["rate_cents"])
        except (KeyError, TypeError, ValueError):
            continue
        if hours * 60 <= weekly_minutes and rate > 0 and (best is None or hours > best[0]):
            best = (hours, rate)
    return best


def consolidation_areas(*, organization, today: date) -> dict[int, Area]:
    """The areas of the last WINDOW_DAYS days with each contractor's share (named by
    `consolidation_advise`): one query, the spend and the tasks per budget and contractor."""
    since = today - timedelta(days=WINDOW_DAYS)
    spend = (
        SpendEntry.objects.filter(organization=organization, occurred_on__gte=since, contractor__isnull=False)
        .order_by()
        .values_list("budget_id", "budget__name", "budget__currency", "contractor_id")
        .annotate(
            total=Sum("amount_cents"),
            time_total=Sum("amount_cents", filter=Q(kind=SpendKind.TIME)),
            minutes=Sum("time_entry__minutes", filter=Q(kind=SpendKind.TIME)),
            tasks=Value(0),
        )
    )
    start = datetime.combine(since, datetime.min.time(), tzinfo=zone_of(organization.time_zone))
    tasks = (
        Task.objects.filter(organization=organization, created_at__gte=start, contract__isnull=False)
        .order_by()
        .values_list("contract__budget_id", "contract__budget__name", "contract__budget__currency", "contractor_id")
        .annotate(total=Value(0), time_total=Value(0), minutes=Value(0), tasks=Count("pk"))
    )
    columns = ("total", "time_total", "minutes", "tasks")
    rows = (
        spend.values_list("budget_id", "budget__name", "budget__currency", "contractor_id", *columns)
        .union(
            tasks.values_list(
                "contract__budget_id", "contract__budget__name", "contract__budget__currency", "contractor_id", *columns
            ),
            all=True,
        )
        .order_by()
    )
    areas: dict[int, Area] = {}
    shares: dict[tuple[int, int], AreaShare] = {}
    for budget_id, name, currency, contractor_id, total, time_total, minutes, count in rows:
        area = areas.setdefault(budget_id, Area(budget_id, name, currency))
        share = shares.get((budget_id, contractor_id))
        if share is None:
            share = shares[(budget_id, contractor_id)] = AreaShare(contractor_id, "")
            area.shares.append(share)
        share.spend_cents += total or 0
        share.time_spend_cents += time_total or 0
        share.minutes += minutes or 0
        share.tasks += count
    return areas


def consolidation_for_organization(*, organization, today: date, now: datetime) -> Consolidation:
    """The areas of the last WINDOW_DAYS days (biggest spend first) and a suggestion where one fits:
    two queries, and three more when an area has several contractors (trust, capacity)."""
    areas = consolidation_areas(organization=organization, today=today)
    contractor_ids = {share.contractor_id for area in areas.values() for share in area.shares}
    engagements = Engagement.objects.filter(organization=organization, contractor_id__in=contractor_ids)
    return consolidation_advise(
        organization=organization,
        areas=areas,
        engagements={e.contractor_id: e for e in engagements.select_related("contractor")},
        today=today,
        now=now,
    )


def consolidation_advise(
    *, organization, areas: dict[int, Area], engagements: dict[int, Engagement], today: date, now: datetime, weeks=None
) -> Consolidation:
    """The advice on `areas` (`consolidation_areas`), given the organization's `engagements` of
    their contractors by contractor id (with the contractor): the trust scores in one query, and
    the capacity left in two unless the caller passes the contractors' `weeks`
    (`weeks_for_contractors`); none of them when no area has several contractors."""
    for area in areas.values():
        for share in area.shares:
            engagement = engagements.get(share.contractor_id)
            share.contractor_name = engagement.contractor.name if engagement else "A merged record"
        area.shares.sort(key=lambda s: (-s.spend_cents, -s.tasks, s.contractor_name))
    ordered = sorted(areas.values(), key=lambda a: (-a.spend_cents, a.name))[:AREA_LIMIT]
    # Only an area with several contractors can be consolidated: only theirs are weighed.
    spread = {
        engagement.contractor_id: engagement
        for area in ordered
        if len(area.shares) > 1
        for share in area.shares
        if (engagement := engagements.get(share.contractor_id)) and engagement.status == EngagementStatus.ACTIVE
    }
    trust = trust_scores(
        organization=organization,
        engagement_ids=[e.pk for e in spread.values()],
        contractor_ids={e.pk: cid for cid, e in spread.items()},
        today=today,
    )
    if weeks is None:
        trusted = [e.contractor for e in spread.values() if trust[e.pk].score is not None]
        weeks = weeks_for_contractors(trusted, today=today, now=now, organization_id=organization.pk)
    weekly_own = _weekly_minutes_per_contractor(areas)
    for area in ordered:
        _suggest(area, active=spread, trust=trust, weeks=weeks, weekly_own=weekly_own)
    return Consolidation(since=today - timedelta(days=WINDOW_DAYS), areas=ordered)


def _weekly_minutes_per_contractor(areas: dict[int, Area]) -> dict[int, int]:
    totals: dict[int, int] = defaultdict(int)
    for area in areas.values():
        for share in area.shares:
            totals[share.contractor_id] += share.minutes
    return {cid: (minutes * 7 * 2 + WINDOW_DAYS) // (WINDOW_DAYS * 2) for cid, minutes in totals.items()}


def _suggest(area: Area, *, active, trust, weeks, weekly_own) -> None:
    if len(area.shares) < 2:
        area.why_not = "One contractor does all of this work already."
        return
    candidates = []
    for share in area.shares:
        engagement = active.get(share.contractor_id)
        score = trust.get(engagement.pk) if engagement else None
        if score is not None and score.score is not None:
            candidates.append((score.score, share.minutes, share, engagement.contractor))
    if not candidates:
        area.why_not = "No active contractor in this area has a trust score yet."
        return
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2].contractor_name))
    for score, _, target, contractor in candidates:
        others = [s for s in area.shares if s.contractor_id != target.contractor_id and s.minutes > 0]
        if not others:
            continue
        moved = sum(s.minutes for s in others)
        per_week = (moved * 7 * 2 + WINDOW_DAYS) // (WINDOW_DAYS * 2)
        spare = min(week.left_minutes for week in weeks[contractor.pk])
        if spare < per_week:
            continue
        area.suggestion = _numbers(area, target, contractor, score, others, per_week, spare, weekly_own)
        return
    area.why_not = "No trusted contractor in this area has the spare capacity to take the others' hours."


def _numbers(area, target, contractor: Contractor, score, others, per_week, spare, weekly_own) -> Suggestion:
    moved = sum(s.minutes for s in others)
    per_month = (moved * 2 + MONTHS_IN_WINDOW) // (MONTHS_IN_WINDOW * 2)
    current = sum(s.time_spend_cents for s in others)
    current_per_month = (current * 2 + MONTHS_IN_WINDOW) // (MONTHS_IN_WINDOW * 2)
    after = weekly_own.get(contractor.pk, 0) + per_week
    tier = tier_rate(contractor.volume_tiers, after)
    if tier is not None and contractor.currency == area.currency:
        rate, source = tier[1], f"their volume tier from {tier[0]} h a week"
    elif tier is not None:
        rate, source = None, f"their volume tiers are in {contractor.currency}, the area's budget in {area.currency}"
    elif target.minutes:
        rate = (target.time_spend_cents * 60 * 2 + target.minutes) // (target.minutes * 2)
        source = "their current rate in this area (no volume tier applies)"
    else:
        rate, source = None, "no volume tier applies and they have no approved hours here yet"
    return Suggestion(
        target_id=contractor.pk,
        target_name=contractor.name,
        trust=score,
        moved_minutes_per_month=per_month,
        moved_minutes_per_week=per_week,
        current_cents_per_month=current_per_month,
        spare_minutes_per_week=spare,
        weekly_minutes_after=after,
        rate_cents=rate,
        rate_source=source,
        projected_cents_per_month=None if rate is None else cents_for_minutes(per_month, rate),
        from_names=tuple(s.contractor_name for s in others),
    )
