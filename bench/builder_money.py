"""The money half of the benchmark data builder: budgets, contracts, milestones, retainer fees,
time entries, corrections and expenses, as plain row dicts."""

import random
from collections import defaultdict
from datetime import date, timedelta

from bench.shape import (
    AREAS,
    EXPENSES,
    FAR_FUTURE,
    MINUTES,
    NOTES,
    ORGANIZATIONS,
    RATES,
    TEAMS,
    Rows,
    aware,
    pick_weighted,
)


class MoneyRows:
    """Budgets, contracts, milestones, time and the ledger: the Builder's money half (bench/builder.py
    holds the people and the shared helpers these methods call)."""

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

    # Long on purpose: one seeded random stream draws these rows in a fixed order, and the generated
    # data set (and so every stored benchmark) depends on that order; split only with a data check.
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

    # Long on purpose: one seeded random stream draws these rows in a fixed order, and the generated
    # data set (and so every stored benchmark) depends on that order; split only with a data check.
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
