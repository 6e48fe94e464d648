"""Deterministic large-data generator for the budget benchmark (docs/performance.md).

Writes straight into the configured database (the services would take hours for a million rows):
`bulk_create` for the small tables, COPY / executemany for time entries and the ledger. Every row
is one the services could have written — one organization per row, contracts inside their
budget's dates and drawn from an engagement of the same organization, time entries by the
contract's own contractor, ledger rows filed under the budget period that contains their day, one
retainer fee per contract and month, milestones summing to the contract total, corrections
negating exactly one earlier entry — and `check_consistency` proves it after the load.

Shape: the demo organization ("crumb", owner alice@crumb.example) among 5 others, 200 budgets,
500 contractors with their engagements, hourly / retainer / fixed-price contracts, and
`SCALES[scale]` time entries + ledger rows in total, spread over the organizations in proportion
to their budgets and over about two years of history ending today. Rows are inserted in the order
they would have been created (interleaving organizations and budgets), so tables and indexes are
laid out as on a live database, not clustered by budget.

Use it through bench/run.py; `generate(scale=..., today=...)` expects Django to be set up.
"""

import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

SCALES = {"small": 50_000, "full": 1_000_000}
SEED = 20_26_03
# Bump when the generated shape changes, so bench/run.py stops reusing old databases.
GENERATOR_VERSION = 2
BATCH_SIZE = 5_000
DEMO_SLUG = "crumb"
DEMO_OWNER_EMAIL = "alice@crumb.example"
# (slug, name, currency, budgets); the rows follow the budgets, so the demo org holds 20 %.
ORGANIZATIONS = [
    (DEMO_SLUG, "Crumb & Co.", "EUR", 40),
    ("oscars", "Oscar's Outfitters", "EUR", 44),
    ("harbour-dental", "Harbour Dental", "GBP", 36),
    ("lumen", "Lumen Architects", "EUR", 32),
    ("fieldnote", "Fieldnote Coffee", "USD", 28),
    ("northwind", "Northwind Books", "EUR", 20),
]
CONTRACTORS = 500
AREAS = [
    "Social media",
    "Bookkeeping",
    "Web development",
    "Design",
    "Copywriting",
    "Photography",
    "SEO",
    "Customer support",
    "Virtual assistance",
    "Video",
    "Translation",
    "Payroll",
    "IT support",
    "Recruiting",
    "Legal",
    "E-mail marketing",
    "Online ads",
    "Data entry",
    "Packaging design",
    "Events",
]
TEAMS = ["", "Shop", "Wholesale", "Online"]
FIRST = [
    "Ana",
    "Ben",
    "Chiara",
    "Dmitri",
    "Elif",
    "Farah",
    "Goran",
    "Hana",
    "Ivo",
    "Jonas",
    "Kemal",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Yara",
    "Zoltan",
]
LAST = [
    "Almeida",
    "Berg",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Horvat",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Rossi",
    "Santos",
    "Tanaka",
    "Weber",
]
SKILLS = ["photography", "python", "django", "bookkeeping", "seo", "copywriting", "design", "video", "support", "ads"]
ZONES = ["Europe/Lisbon", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Europe/Warsaw", "UTC"]
NOTES = ["", "", "Weekly sync", "Fixes after review", "Research", "Drafts", "Calls with supplier", "Report"]
EXPENSES = ["Stock photos", "Software licence", "Printing", "Courier", "Ad credit", "Domain renewal", "Travel"]
MINUTES = [30, 45, 60, 90, 120, 150, 180, 240, 300, 360, 420, 480]
FAR_FUTURE = date(9999, 12, 31)
# Other-currency contracts: budget units per contract unit × 1,000,000.
RATES = {("EUR", "USD"): 921_345, ("GBP", "EUR"): 1_166_000, ("USD", "EUR"): 1_085_370}


def say(message: str) -> None:
    print(f"[generate] {message}", flush=True)


def aware(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def pick_weighted(rng: random.Random, choices: list[tuple[str, float]]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


@dataclass
class Rows:
    """Everything to insert, as plain dicts keyed by model field attname."""

    organizations: list[dict] = field(default_factory=list)
    users: list[dict] = field(default_factory=list)
    memberships: list[dict] = field(default_factory=list)
    contractors: list[dict] = field(default_factory=list)
    engagements: list[dict] = field(default_factory=list)
    budgets: list[dict] = field(default_factory=list)
    contracts: list[dict] = field(default_factory=list)
    milestones: list[dict] = field(default_factory=list)
    time_entries: list[dict] = field(default_factory=list)
    spend_entries: list[dict] = field(default_factory=list)

    @property
    def ledger_and_time(self) -> int:
        return len(self.time_entries) + len(self.spend_entries)


class Builder:
    """Builds the rows in memory; `build(t_fraction)` is deterministic for a given fraction."""

    def __init__(self, *, target_rows: int, today: date):
        from outsourcer.budgets import periods

        self.periods = periods
        self.target_rows = target_rows
        self.today = today
        self._period_starts: dict[tuple[int, date], date] = {}

    # --- helpers -------------------------------------------------------------------------------

    def convert(self, cents: int, contract: dict) -> int:
        from outsourcer.budgets.exchange import convert_cents

        return convert_cents(
            cents,
            from_currency=contract["currency"],
            to_currency=contract["_budget"]["currency"],
            rate_micros=contract["exchange_rate_micros"],
        )

    def period_start(self, budget: dict, day: date) -> date:
        key = (budget["id"], day)
        if key not in self._period_starts:
            self._period_starts[key] = self.periods.period_for(
                kind=budget["period"], starts_on=budget["starts_on"], ends_on=budget["ends_on"], day=day
            ).start
        return self._period_starts[key]

    def spend(
        self, rows: Rows, budget: dict, *, kind: str, amount: int, day: date, created_at: datetime, **extra
    ) -> dict:
        if not self.periods.covers(starts_on=budget["starts_on"], ends_on=budget["ends_on"], day=day):
            raise AssertionError(f"{day} is outside budget {budget['id']}")
        row = {
            "organization_id": budget["organization_id"],
            "budget_id": budget["id"],
            "period_start": self.period_start(budget, day),
            "contractor_id": None,
            "contract_id": None,
            "kind": kind,
            "amount_cents": amount,
            "currency": budget["currency"],
            "original_amount_cents": None,
            "original_currency": "",
            "exchange_rate_micros": None,
            "occurred_on": day,
            "covers_month": None,
            "description": "",
            "receipt": "",
            "time_entry_id": None,
            "milestone_id": None,
            "reverses_id": None,
            "created_by_id": None,
            "created_at": created_at,
            "_time_entry": None,
            "_reverses": None,
        }
        row.update(extra)
        rows.spend_entries.append(row)
        return row

    def contract_spend_extra(self, contract: dict, original: int) -> dict:
        extra = {"contractor_id": contract["contractor_id"], "contract_id": contract["id"]}
        if contract["exchange_rate_micros"] is not None:
            extra.update(
                original_amount_cents=original,
                original_currency=contract["currency"],
                exchange_rate_micros=contract["exchange_rate_micros"],
            )
        return extra

    # --- the build ---------------------------------------------------------------------------------

    def build(self, t_fraction: float) -> Rows:
        rng = random.Random(SEED)
        rows = Rows()
        today = self.today
        self._people(rng, rows)
        self._budgets(rng, rows)
        self._contracts(rng, rows)
        self._milestones(rng, rows)
        self._retainer_fees(rng, rows)
        self._time(rng, rows, int(self.target_rows * t_fraction))
        self._corrections(rng, rows)
        filler = self.target_rows - rows.ledger_and_time
        if filler < 0:
            return rows  # the caller lowers t_fraction and builds again
        self._expenses(rng, rows, filler)
        self._amounts(rng, rows)
        assert rows.ledger_and_time == self.target_rows or filler < 0
        assert all(e["occurred_on"] <= today for e in rows.spend_entries)
        return rows

    def _people(self, rng: random.Random, rows: Rows) -> None:
        created = aware(self.today - timedelta(days=900))
        for org_id, (slug, name, currency, _) in enumerate(ORGANIZATIONS, start=1):
            rows.organizations.append(
                {
                    "id": org_id,
                    "name": name,
                    "slug": slug,
                    "currency": currency,
                    "time_zone": "UTC",
                    "created_at": created,
                }
            )
            for role in ("owner", "manager", "viewer"):
                email = DEMO_OWNER_EMAIL if (slug == DEMO_SLUG and role == "owner") else f"{role}@{slug}.example"
                user_id = len(rows.users) + 1
                rows.users.append(self._user(user_id, email, f"{role.title()} of {name}", created))
                rows.memberships.append(
                    {
                        "id": len(rows.memberships) + 1,
                        "organization_id": org_id,
                        "user_id": user_id,
                        "role": role,
                        "created_at": created,
                    }
                )
        weights = [b for *_, b in ORGANIZATIONS]
        self.engaged: dict[int, list[dict]] = defaultdict(list)  # org id → engagements
        for i in range(1, CONTRACTORS + 1):
            first, last = FIRST[i % len(FIRST)], LAST[(i * 7) % len(LAST)]
            home = rng.choices(range(1, len(ORGANIZATIONS) + 1), weights=weights)[0]
            user_id = None
            if rng.random() < 0.4:
                user_id = len(rows.users) + 1
                rows.users.append(self._user(user_id, f"contractor{i}@bench.example", f"{first} {last}", created))
            rows.contractors.append(
                {
                    "id": i,
                    "user_id": user_id,
                    "created_by_organization_id": None if user_id else home,
                    "kind": "company" if i % 9 == 0 else "person",
                    "name": f"{first} {last} {i}",
                    "email": f"contractor{i}@bench.example",
                    "company": f"{last} Studio" if i % 9 == 0 else "",
                    "website": "",
                    "skills": ", ".join(sorted(rng.sample(SKILLS, 2))),
                    "time_zone": rng.choice(ZONES),
                    "weekly_capacity_minutes": rng.choice([1200, 1800, 2400, 2400]),
                    "default_rate_cents": rng.randrange(2500, 12000, 100),
                    "currency": "EUR",
                    "volume_tiers": [],
                    "created_at": created,
                }
            )
            orgs = [home]
            # Contractors with an account may work for a second organization (about a quarter of all).
            if user_id and rng.random() < 0.6:
                orgs.append(rng.choice([o for o in range(1, len(ORGANIZATIONS) + 1) if o != home]))
            for org_id in orgs:
                status = pick_weighted(
                    rng, [("active", 75), ("paused", 8), ("ended", 10), ("vetting", 4), ("prospect", 3)]
                )
                engagement = {
                    "id": len(rows.engagements) + 1,
                    "organization_id": org_id,
                    "contractor_id": i,
                    "status": status,
                    "weekly_capacity_minutes": rng.choice([600, 900, 1200]),
                    "notes": "",
                    "created_at": created,
                    "status_changed_at": created,
                }
                rows.engagements.append(engagement)
                self.engaged[org_id].append(engagement)

    def _user(self, user_id: int, email: str, name: str, created: datetime) -> dict:
        # An unusable password: the benchmark logs in with force_login.
        return {
            "id": user_id,
            "email": email,
            "name": name,
            "password": "!bench",
            "time_zone": "UTC",
            "is_active": True,
            "is_staff": False,
            "is_superuser": False,
            "created_at": created,
        }

    def _budgets(self, rng: random.Random, rows: Rows) -> None:
        this_month = self.today.replace(day=1)
        add_months = self.periods.add_months
        for org_id, (_, _, currency, count) in enumerate(ORGANIZATIONS, start=1):
            for n in range(count):
                area = AREAS[n % len(AREAS)]
                team = TEAMS[n // len(AREAS) % len(TEAMS)]
                kind = pick_weighted(rng, [("monthly", 55), ("quarterly", 15), ("yearly", 10), ("one_off", 20)])
                ends_on = None
                if kind == "one_off":
                    starts_on = add_months(this_month, -rng.randint(1, 18)) + timedelta(days=rng.randint(0, 20))
                    ends_on = add_months(starts_on, rng.randint(2, 14)) - timedelta(days=1)
                else:
                    starts_on = add_months(this_month, -rng.randint(4, 26))
                    if rng.random() < 0.1:
                        starts_on += timedelta(days=9)  # a partial first period
                    if rng.random() < 0.08:
                        ends_on = add_months(this_month, -rng.randint(1, 3)) - timedelta(days=1)
                if rng.random() < 0.02:  # approved for next month, nothing spent yet
                    starts_on = add_months(this_month, 1)
                    ends_on = add_months(starts_on, 3) - timedelta(days=1) if kind == "one_off" else None
                rows.budgets.append(
                    {
                        "id": len(rows.budgets) + 1,
                        "organization_id": org_id,
                        "name": f"{area} · {team}" if team else area,
                        "period": kind,
                        "starts_on": starts_on,
                        "ends_on": ends_on,
                        "amount_cents": 0,
                        "currency": currency,
                        "thresholds": [50, 80, 100] if n % 5 else [60, 90, 100],
                        "created_at": aware(min(starts_on, self.today), 8),
                    }
                )

    def _span(self, budget: dict) -> tuple[date, date] | None:
        """Days of the budget that can hold spend: from its start up to today or its end."""
        last = min(self.today, budget["ends_on"] or FAR_FUTURE)
        return (budget["starts_on"], last) if budget["starts_on"] <= last else None

    def _contracts(self, rng: random.Random, rows: Rows) -> None:
        owners = {m["organization_id"]: m["user_id"] for m in rows.memberships if m["role"] == "owner"}
        today = self.today
        for budget in rows.budgets:
            span = self._span(budget)
            count = rng.choice([2, 3, 3, 4, 4, 5, 6]) if span else rng.choice([0, 1])
            candidates = self.engaged[budget["organization_id"]]
            for _ in range(count):
                engagement = rng.choice(candidates)
                if not span or engagement["status"] in ("vetting", "prospect"):
                    status = "draft"
                elif engagement["status"] in ("ended", "paused"):
                    status = rng.choice(["completed", "ended"])
                else:
                    status = pick_weighted(rng, [("active", 70), ("completed", 15), ("ended", 5), ("draft", 10)])
                if status == "active" and budget["ends_on"] is not None and budget["ends_on"] < today:
                    status = "completed"
                model = pick_weighted(rng, [("hourly", 50), ("retainer", 25), ("fixed", 25)])
                if status == "draft":
                    first = max(today + timedelta(days=1), budget["starts_on"])
                    if budget["ends_on"] is not None and first > budget["ends_on"]:
                        first = budget["starts_on"]
                    starts_on, ends_on = first, None
                else:
                    begin, last = span
                    length = (last - begin).days
                    starts_on = begin + timedelta(days=int(length * rng.random() * 0.6))
                    if status == "active":
                        ends_on = None
                        if rng.random() < 0.4:
                            ends_on = today + timedelta(days=rng.randint(20, 200))
                            if budget["ends_on"] is not None:
                                ends_on = min(ends_on, budget["ends_on"])
                    else:
                        room = (last - starts_on).days
                        ends_on = starts_on + timedelta(days=min(room, rng.randint(30, max(30, room))))
                currency = budget["currency"]
                rate = None
                if rng.random() < 0.05:
                    other = next((b for (to, b) in RATES if to == currency), None)
                    if other:
                        currency, rate = other, RATES[(budget["currency"], other)]
                contract = {
                    "id": len(rows.contracts) + 1,
                    "organization_id": budget["organization_id"],
                    "budget_id": budget["id"],
                    "contractor_id": engagement["contractor_id"],
                    "engagement_id": engagement["id"],
                    "title": f"{budget['name']} — {model}",
                    "rate_model": model,
                    "status": status,
                    "currency": currency,
                    "exchange_rate_micros": rate,
                    "starts_on": starts_on,
                    "ends_on": ends_on,
                    "hourly_rate_cents": None,
                    "weekly_cap_minutes": None,
                    "monthly_fee_cents": None,
                    "included_minutes": None,
                    "overage_rate_cents": None,
                    "total_cents": None,
                    "hourly_rate_budget_cents": None,
                    "monthly_fee_budget_cents": None,
                    "total_budget_cents": None,
                    "activation_override_reason": "",
                    "created_by_id": owners[budget["organization_id"]],
                    "created_at": aware(min(starts_on, today), 8),
                    "activated_at": None if status == "draft" else aware(starts_on, 9),
                    "closed_at": aware(ends_on, 18) if status in ("completed", "ended") else None,
                    "_budget": budget,
                }
                if model == "hourly":
                    contract["hourly_rate_cents"] = rng.randrange(2500, 15000, 100)
                    contract["weekly_cap_minutes"] = rng.choice([600, 900, 1200, 1800, 2400])
                    contract["hourly_rate_budget_cents"] = self.convert(contract["hourly_rate_cents"], contract)
                elif model == "retainer":
                    contract["monthly_fee_cents"] = rng.randrange(50_000, 400_000, 1000)
                    contract["included_minutes"] = rng.choice([300, 600, 900, 1200])
                    contract["overage_rate_cents"] = rng.randrange(3000, 12000, 100)
                    contract["monthly_fee_budget_cents"] = self.convert(contract["monthly_fee_cents"], contract)
                else:
                    contract["total_cents"] = rng.randrange(100_000, 2_000_000, 10_000)
                    contract["total_budget_cents"] = self.convert(contract["total_cents"], contract)
                rows.contracts.append(contract)

    def _milestones(self, rng: random.Random, rows: Rows) -> None:
        today = self.today
        for contract in rows.contracts:
            if contract["rate_model"] != "fixed":
                continue
            budget = contract["_budget"]
            n = rng.randint(2, 5)
            shares = [rng.randint(1, 4) for _ in range(n)]
            amounts = [contract["total_cents"] * s // sum(shares) for s in shares]
            amounts[-1] += contract["total_cents"] - sum(amounts)
            budget_amounts = [self.convert(a, contract) for a in amounts]
            budget_amounts[-1] += contract["total_budget_cents"] - sum(budget_amounts)
            first = contract["starts_on"]
            last = contract["ends_on"] or first + timedelta(days=rng.randint(60, 240))
            if budget["ends_on"] is not None:
                last = min(last, budget["ends_on"])
            owner = contract["created_by_id"]
            for position in range(n):
                due_on = first + timedelta(days=(last - first).days * (position + 1) // n)
                accepted_on = min(due_on + timedelta(days=rng.randint(0, 10)), last)
                accepted = contract["status"] == "completed" or (
                    contract["status"] in ("active", "ended") and accepted_on < today and rng.random() < 0.9
                )
                milestone = {
                    "id": len(rows.milestones) + 1,
                    "organization_id": contract["organization_id"],
                    "contract_id": contract["id"],
                    "position": position,
                    "title": f"Milestone {position + 1}",
                    "amount_cents": amounts[position],
                    "budget_amount_cents": budget_amounts[position],
                    "due_on": due_on,
                    "status": "accepted" if accepted else "pending",
                    "accepted_at": aware(accepted_on, 15) if accepted else None,
                    "accepted_by_id": owner if accepted else None,
                }
                rows.milestones.append(milestone)
                if accepted:
                    self.spend(
                        rows,
                        budget,
                        kind="milestone",
                        amount=budget_amounts[position],
                        day=accepted_on,
                        created_at=milestone["accepted_at"],
                        milestone_id=milestone["id"],
                        created_by_id=owner,
                        description=milestone["title"],
                        **self.contract_spend_extra(contract, amounts[position]),
                    )

    def _active_range(self, contract: dict) -> tuple[date, date] | None:
        if contract["status"] == "draft":
            return None
        last = min(self.today, contract["ends_on"] or FAR_FUTURE)
        return (contract["starts_on"], last) if contract["starts_on"] <= last else None

    def _retainer_fees(self, rng: random.Random, rows: Rows) -> None:
        for contract in rows.contracts:
            span = self._active_range(contract) if contract["rate_model"] == "retainer" else None
            if not span:
                continue
            for month in self.periods.months_in(*span):
                day = max(month, contract["starts_on"])
                self.spend(
                    rows,
                    contract["_budget"],
                    kind="retainer_fee",
                    amount=contract["monthly_fee_budget_cents"],
                    day=day,
                    created_at=aware(day, 0, 5),
                    covers_month=month,
                    description=f"Retainer {month:%B %Y}",
                    **self.contract_spend_extra(contract, contract["monthly_fee_cents"]),
                )

    def _time(self, rng: random.Random, rows: Rows, count: int) -> None:
        today = self.today
        reviewers = defaultdict(list)
        for m in rows.memberships:
            if m["role"] in ("owner", "manager"):
                reviewers[m["organization_id"]].append(m["user_id"])
        logging = [(c, self._active_range(c)) for c in rows.contracts if c["rate_model"] in ("hourly", "retainer")]
        logging = [(c, span) for c, span in logging if span]
        days = [(span[1] - span[0]).days + 1 for _, span in logging]
        total_days = sum(days)
        for (contract, (first, _last)), length in zip(logging, days, strict=True):
            n = round(count * length / total_days)
            budget = contract["_budget"]
            entries = []
            for _ in range(n):
                worked_on = first + timedelta(days=rng.randrange(length))
                if worked_on.weekday() >= 5 and rng.random() < 0.8:
                    worked_on -= timedelta(days=worked_on.weekday() - 4)  # most weekend work moves to Friday
                    worked_on = max(worked_on, first)
                age = (today - worked_on).days
                if age > 14:
                    status = "approved" if rng.random() < 0.93 else "rejected"
                else:
                    status = pick_weighted(rng, [("submitted", 60), ("approved", 35), ("rejected", 5)])
                reviewed = status != "submitted"
                reviewed_on = min(worked_on + timedelta(days=rng.randint(1, 5)), today)
                entries.append(
                    {
                        "organization_id": contract["organization_id"],
                        "contractor_id": contract["contractor_id"],
                        "contract_id": contract["id"],
                        "worked_on": worked_on,
                        "minutes": rng.choice(MINUTES),
                        "note": rng.choice(NOTES),
                        "status": status,
                        "reviewed_by_id": rng.choice(reviewers[contract["organization_id"]]) if reviewed else None,
                        "reviewed_at": aware(reviewed_on, 11, rng.randrange(60)) if reviewed else None,
                        "rejection_reason": "Not part of the brief" if status == "rejected" else "",
                        "override_reason": "",
                        "created_at": aware(worked_on, 17, rng.randrange(60)),
                        "updated_at": aware(reviewed_on if reviewed else worked_on, 17),
                    }
                )
            entries.sort(key=lambda e: e["worked_on"])
            month_minutes: dict[date, int] = defaultdict(int)
            for entry in entries:
                rows.time_entries.append(entry)
                if entry["status"] != "approved":
                    continue
                if contract["rate_model"] == "hourly":
                    original = self._cents_for_minutes(entry["minutes"], contract["hourly_rate_cents"])
                else:
                    month = entry["worked_on"].replace(day=1)
                    before = month_minutes[month]
                    month_minutes[month] += entry["minutes"]
                    over = month_minutes[month] - max(before, contract["included_minutes"])
                    if over <= 0:
                        continue  # inside the included hours: the fee already paid for it
                    original = self._cents_for_minutes(over, contract["overage_rate_cents"])
                self.spend(
                    rows,
                    budget,
                    kind="time",
                    amount=self.convert(original, contract),
                    day=entry["worked_on"],
                    created_at=entry["reviewed_at"],
                    created_by_id=entry["reviewed_by_id"],
                    _time_entry=entry,
                    **self.contract_spend_extra(contract, original),
                )

    @staticmethod
    def _cents_for_minutes(minutes: int, rate: int) -> int:
        from outsourcer.lib.money import cents_for_minutes

        return cents_for_minutes(minutes, rate)

    def _corrections(self, rng: random.Random, rows: Rows) -> None:
        owners = {m["organization_id"]: m["user_id"] for m in rows.memberships if m["role"] == "owner"}
        budgets = {b["id"]: b for b in rows.budgets}
        for entry in list(rows.spend_entries):
            if rng.random() >= 0.01:
                continue
            created_at = min(entry["created_at"] + timedelta(days=rng.randint(1, 10)), aware(self.today, 23))
            extra = {k: entry[k] for k in ("contractor_id", "contract_id", "original_currency", "exchange_rate_micros")}
            if entry["original_amount_cents"] is not None:
                extra["original_amount_cents"] = -entry["original_amount_cents"]
            self.spend(
                rows,
                budgets[entry["budget_id"]],
                kind="correction",
                amount=-entry["amount_cents"],
                day=entry["occurred_on"],
                created_at=created_at,
                created_by_id=owners[entry["organization_id"]],
                description="Reversal: booked twice",
                _reverses=entry,
                **extra,
            )

    def _expenses(self, rng: random.Random, rows: Rows, count: int) -> None:
        owners = {m["organization_id"]: m["user_id"] for m in rows.memberships if m["role"] == "owner"}
        spans = [(b, self._span(b)) for b in rows.budgets]
        spans = [(b, s) for b, s in spans if s]
        picks = rng.choices(spans, weights=[(s[1] - s[0]).days + 1 for _, s in spans], k=count)
        for budget, (first, last) in picks:
            day = first + timedelta(days=rng.randrange((last - first).days + 1))
            engaged = self.engaged[budget["organization_id"]]
            self.spend(
                rows,
                budget,
                kind="expense",
                amount=rng.randrange(1_000, 50_000, 50),
                day=day,
                created_at=aware(day, 14, rng.randrange(60)),
                created_by_id=owners[budget["organization_id"]],
                description=rng.choice(EXPENSES),
                contractor_id=rng.choice(engaged)["contractor_id"] if rng.random() < 0.3 else None,
            )

    def _amounts(self, rng: random.Random, rows: Rows) -> None:
        """Budget amounts near each budget's typical period spend, so statuses vary (ok, warn, over)."""
        per_period: dict[int, dict[date, int]] = defaultdict(lambda: defaultdict(int))
        for entry in rows.spend_entries:
            per_period[entry["budget_id"]][entry["period_start"]] += entry["amount_cents"]
        for budget in rows.budgets:
            totals = sorted(per_period[budget["id"]].values())
            typical = totals[len(totals) // 2] if totals else 0
            amount = int(typical * rng.uniform(0.8, 1.7)) // 10_000 * 10_000
            budget["amount_cents"] = max(amount, 50_000)


def build_rows(*, scale: str, today: date) -> Rows:
    """Build the rows for `scale`. Time entries (and the spend their approval posts) take what the
    fixed rows leave; expenses fill the last ~2 % to the exact row count. A first build measures
    how many rows each time entry brings, a second one (rarely a third) hits the target."""
    builder = Builder(target_rows=SCALES[scale], today=today)
    fraction = 0.53
    for attempt in range(1, 6):
        rows = builder.build(fraction)
        if rows.ledger_and_time == builder.target_rows:
            return rows
        fixed = sum(1 for e in rows.spend_entries if e["kind"] in ("retainer_fee", "milestone"))
        variable = rows.ledger_and_time - fixed
        wanted = builder.target_rows * 0.98 - fixed
        fraction *= wanted / variable if attempt == 1 else 0.97
        say(f"attempt {attempt} overshot by {rows.ledger_and_time - builder.target_rows:,} rows; again")
    raise RuntimeError("could not fit the row budget")


def _finalize_ids(rows: Rows) -> None:
    """Give time and ledger rows ids in creation order (as a live database would) and resolve links."""
    rows.time_entries.sort(key=lambda e: (e["created_at"], e["contract_id"], e["worked_on"]))
    for i, entry in enumerate(rows.time_entries, start=1):
        entry["id"] = i
    rows.spend_entries.sort(key=lambda e: (e["created_at"], e["budget_id"], e["kind"]))
    for i, entry in enumerate(rows.spend_entries, start=1):
        entry["id"] = i
    for entry in rows.spend_entries:
        if entry["_time_entry"] is not None:
            entry["time_entry_id"] = entry["_time_entry"]["id"]
        if entry["_reverses"] is not None:
            entry["reverses_id"] = entry["_reverses"]["id"]
            assert entry["reverses_id"] < entry["id"], "a correction comes after the entry it reverses"


def _insert(model, dicts: list[dict], *, label: str) -> None:
    started = time.perf_counter()
    names = {f.attname for f in model._meta.concrete_fields}
    total = len(dicts)
    for offset in range(0, total, BATCH_SIZE):
        batch = [model(**{k: v for k, v in d.items() if k in names}) for d in dicts[offset : offset + BATCH_SIZE]]
        model.objects.bulk_create(batch, batch_size=BATCH_SIZE)
        done = min(offset + BATCH_SIZE, total)
        if total > 50_000 and (done // BATCH_SIZE) % 20 == 0 or done == total:
            rate = done / max(time.perf_counter() - started, 1e-9)
            say(f"  {label}: {done:,}/{total:,} rows ({rate:,.0f} rows/s)")


def _insert_fast(model, dicts: list[dict], *, label: str) -> None:
    """The million-row tables skip the ORM's per-row SQL compilation (about 250 µs a row): COPY on
    PostgreSQL, executemany on SQLite. Values are the same Python values bulk_create would send."""
    from django.db import connection, models

    started = time.perf_counter()
    fields = model._meta.concrete_fields
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    postgres = connection.vendor == "postgresql"

    def converter(f):
        if isinstance(f, models.DateTimeField):
            # SQLite stores naive UTC text, as Django's adapter does with USE_TZ.
            return (
                (lambda v: v) if postgres else (lambda v: v and v.astimezone(UTC).replace(tzinfo=None).isoformat(" "))
            )
        if isinstance(f, models.DateField):
            return (lambda v: v) if postgres else (lambda v: v and v.isoformat())
        if isinstance(f, (models.JSONField, models.BooleanField)):
            raise TypeError(f"{model.__name__}.{f.name}: use bulk_create for this field type")
        return lambda v: v

    prepared = [(f.attname, converter(f), f.get_default() if f.has_default() else None) for f in fields]
    total = len(dicts)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if not postgres:
            # Random-order index inserts thrash SQLite's default 2 MB page cache; give the load
            # 1 GB and put the default back before anything is timed.
            cache_size = raw.execute("PRAGMA cache_size").fetchone()[0]
            raw.execute("PRAGMA cache_size = -1048576")
        for offset in range(0, total, BATCH_SIZE * 10):
            chunk = [
                tuple(conv(d[name] if name in d else default) for name, conv, default in prepared)
                for d in dicts[offset : offset + BATCH_SIZE * 10]
            ]
            if postgres:
                with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in chunk:
                        copy.write_row(row)
            else:
                placeholders = ", ".join("?" * len(fields))
                # Table and column names come from the model's _meta, quoted; values are parameters.
                raw.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", chunk)  # noqa: S608
            done = offset + len(chunk)
            rate = done / max(time.perf_counter() - started, 1e-9)
            say(f"  {label}: {done:,}/{total:,} rows ({rate:,.0f} rows/s)")
        if not postgres:
            raw.execute(f"PRAGMA cache_size = {int(cache_size)}")


def generate(*, scale: str, today: date) -> dict:
    """Build and insert the data set into the (migrated, empty) default database, then ANALYZE.
    Returns the counts per table."""
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from outsourcer.accounts.models import Membership, Organization, User
    from outsourcer.budgets.models import Budget, SpendEntry
    from outsourcer.contractors.models import Contractor, Engagement
    from outsourcer.contracts.models import Contract, Milestone, TimeEntry

    started = time.perf_counter()
    say(f"building {SCALES[scale]:,} time + ledger rows in memory (seed {SEED}, today {today})")
    rows = build_rows(scale=scale, today=today)
    _finalize_ids(rows)
    counts = {
        "organizations": len(rows.organizations),
        "users": len(rows.users),
        "contractors": len(rows.contractors),
        "engagements": len(rows.engagements),
        "budgets": len(rows.budgets),
        "contracts": len(rows.contracts),
        "milestones": len(rows.milestones),
        "time_entries": len(rows.time_entries),
        "spend_entries": len(rows.spend_entries),
    }
    say(f"built in {time.perf_counter() - started:.1f}s: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))

    plan = [
        (Organization, rows.organizations, "organizations"),
        (User, rows.users, "users"),
        (Membership, rows.memberships, "memberships"),
        (Contractor, rows.contractors, "contractors"),
        (Engagement, rows.engagements, "engagements"),
        (Budget, rows.budgets, "budgets"),
        (Contract, rows.contracts, "contracts"),
        (Milestone, rows.milestones, "milestones"),
        (TimeEntry, rows.time_entries, "time entries"),
        (SpendEntry, rows.spend_entries, "spend entries"),
    ]
    for model, dicts, label in plan:
        with transaction.atomic():
            (_insert_fast if model in (TimeEntry, SpendEntry) else _insert)(model, dicts, label=label)
    del rows
    if connection.vendor == "postgresql":
        # Explicit ids were inserted: move the sequences past them.
        statements = connection.ops.sequence_reset_sql(no_style(), [m for m, _, _ in plan])
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    say(f"inserted in {time.perf_counter() - started:.1f}s; checking consistency")
    check_consistency(connection)
    say("consistent; analysing")
    analyse(connection)
    call_command("check", verbosity=0)
    say(f"done in {time.perf_counter() - started:.1f}s")
    return counts


# Each query counts rows that break a rule the services keep; all must be 0.
CONSISTENCY = {
    "contract outside its engagement's organization or contractor": """
        SELECT COUNT(*) FROM contracts_contract c JOIN contractors_engagement g ON g.id = c.engagement_id
        WHERE g.organization_id <> c.organization_id OR g.contractor_id <> c.contractor_id""",
    "contract drawing from another organization's budget": """
        SELECT COUNT(*) FROM contracts_contract c JOIN budgets_budget b ON b.id = c.budget_id
        WHERE b.organization_id <> c.organization_id OR b.currency <> c.currency AND c.exchange_rate_micros IS NULL""",
    "contract outside its budget's dates": """
        SELECT COUNT(*) FROM contracts_contract c JOIN budgets_budget b ON b.id = c.budget_id
        WHERE c.starts_on < b.starts_on OR b.ends_on IS NOT NULL AND c.ends_on > b.ends_on""",
    "time entry not by the contract's contractor or organization": """
        SELECT COUNT(*) FROM contracts_timeentry t JOIN contracts_contract c ON c.id = t.contract_id
        WHERE t.contractor_id <> c.contractor_id OR t.organization_id <> c.organization_id
           OR c.rate_model = 'fixed' OR c.status = 'draft' OR t.worked_on < c.starts_on""",
    "ledger row in another organization or currency than its budget": """
        SELECT COUNT(*) FROM budgets_spendentry e JOIN budgets_budget b ON b.id = e.budget_id
        WHERE e.organization_id <> b.organization_id OR e.currency <> b.currency
           OR e.occurred_on < b.starts_on OR b.ends_on IS NOT NULL AND e.occurred_on > b.ends_on
           OR e.period_start > e.occurred_on""",
    "ledger row of a contract drawn from another budget": """
        SELECT COUNT(*) FROM budgets_spendentry e JOIN contracts_contract c ON c.id = e.contract_id
        WHERE c.budget_id <> e.budget_id OR c.contractor_id <> e.contractor_id""",
    "time spend without an approved entry of the same contract": """
        SELECT COUNT(*) FROM budgets_spendentry e LEFT JOIN contracts_timeentry t ON t.id = e.time_entry_id
        WHERE e.kind = 'time' AND (t.id IS NULL OR t.status <> 'approved' OR t.contract_id <> e.contract_id
                                   OR t.worked_on <> e.occurred_on)""",
    "correction that does not negate its entry": """
        SELECT COUNT(*) FROM budgets_spendentry e JOIN budgets_spendentry r ON r.id = e.reverses_id
        WHERE e.amount_cents <> -r.amount_cents OR e.period_start <> r.period_start OR e.budget_id <> r.budget_id""",
    "fixed-price contract whose milestones do not sum to its total": """
        SELECT COUNT(*) FROM contracts_contract c
        WHERE c.rate_model = 'fixed' AND c.total_cents <> (
            SELECT COALESCE(SUM(m.amount_cents), 0) FROM contracts_milestone m WHERE m.contract_id = c.id)""",
}


def check_consistency(connection) -> None:
    with connection.cursor() as cursor:
        for rule, sql in CONSISTENCY.items():
            cursor.execute(sql)
            broken = cursor.fetchone()[0]
            if broken:
                raise AssertionError(f"{broken} rows break: {rule}")


def analyse(connection) -> None:
    """Planner statistics as on a settled database. On PostgreSQL VACUUM as well: it sets the
    visibility map, without which index-only scans still visit the heap for fresh rows. On SQLite
    a checkpoint, for the same reason as a restart would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
            # Move the load out of the write-ahead log, or readers look every page up in it.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


if __name__ == "__main__":
    sys.exit("Run the benchmark with `make bench` (bench/run.py); it calls this module.")
