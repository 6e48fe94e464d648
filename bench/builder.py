"""Builds the benchmark rows in memory (deterministic for a given seed, scale and day): the people
here, the money in bench/builder_money.py."""

import random
from collections import defaultdict
from datetime import date, datetime, timedelta

from bench.builder_money import MoneyRows
from bench.shape import (
    CONTRACTORS,
    DEMO_OWNER_EMAIL,
    DEMO_SLUG,
    FIRST,
    LAST,
    ORGANIZATIONS,
    SCALES,
    SEED,
    SKILLS,
    ZONES,
    Rows,
    aware,
    pick_weighted,
    say,
)


class Builder(MoneyRows):
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

    # Long on purpose: one seeded random stream draws these rows in a fixed order, and the generated
    # data set (and so every stored benchmark) depends on that order; split only with a data check.
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


def finalize_ids(rows: Rows) -> None:
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
