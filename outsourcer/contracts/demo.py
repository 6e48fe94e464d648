"""Demo contracts for Crumb & Co. Bakery (`manage.py demo`, see lib/demo_context.py), drawn from the
budgets of budgets/demo.py, with time, milestones and fees back-dated with explicit dates:

- Product photography (Carol hourly): three months of history, this month's time in every state;
- Customer support (Joy hourly in USD at a recorded rate);
- Bookkeeping (Jonas retainer): a fee per month, some overage;
- Website relaunch (Marcus fixed price in USD): near its limit;
- Holiday newsletter (Wanjiru fixed price): over it, activated with a recorded override;
- Marketing: a draft contract for Valentina.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from outsourcer.budgets.periods import add_months, month_start, today_for
from outsourcer.budgets.services import expense_record
from outsourcer.contracts.jobs import retainer_fees_post
from outsourcer.contracts.services import (
    contract_activate,
    contract_create,
    milestone_accept,
    time_entry_approve,
    time_entry_create,
    time_entry_reject,
)
from outsourcer.lib.demo_context import DemoContext
from outsourcer.lib.errors import OverrideRequired
from outsourcer.lib.timezones import today_in

USD_TO_EUR = 920_000  # 1 USD = 0.92 EUR, as agreed in the contracts


@dataclass
class Story:
    """What every part of the contracts demo needs."""

    context: DemoContext
    today: date
    this_month: date
    first_month: date

    def person(self, key: str):
        return self.context.people[key]

    def budget(self, name: str):
        return self.context.people[f"budget:{name}"]

    def contract(self, budget_name: str, key: str, title: str, rate_model: str, starts_on: date, **terms):
        return contract_create(
            organization=self.context.organization,
            actor=self.person("bob"),
            budget=self.budget(budget_name),
            contractor=_engagement(self.context.people, key).contractor,
            title=title,
            rate_model=rate_model,
            starts_on=starts_on,
            **terms,
        )

    def activate(self, contract, reason: str = ""):
        alice = self.person("alice")
        try:
            return contract_activate(contract=contract, actor=alice, today=self.today)
        except OverrideRequired:
            # Only the story's over-budget contract gets here with a reason; the rest fit.
            return contract_activate(
                contract=contract,
                actor=alice,
                today=self.today,
                may_override=True,
                override_reason=reason or "Agreed before the budget was set up.",
            )

    def log_and_review(self, contract, days, minutes: int, *, approve: bool = True, note: str = "") -> None:
        for day in days:
            entry = time_entry_create(
                contractor=contract.contractor,
                contract=contract,
                worked_on=_not_ahead(contract, day),
                minutes=minutes,
                note=note,
            )
            if approve:
                time_entry_approve(entry=entry, actor=self.person("bob"))


def _not_ahead(contract, day: date) -> date:
    # The bakery's today can be the contractor's tomorrow (Berlin after midnight, Lisbon before it),
    # and nobody logs time for a day that has not begun where they are.
    return min(day, today_in(contract.contractor.time_zone))


def _engagement(people: dict, key: str):
    engagement = people.get(f"{key}_engagement")
    if engagement is None:  # the other shape: a list of engagements
        engagement = next(e for e in people.get("engagements", []) if e.contractor.email.startswith(key))
    return engagement


def _work_days(first: date, last: date, every: int = 2):
    day = first
    while day <= last:
        if day.weekday() < 5:
            yield day
        day += timedelta(days=every)


def load(context: DemoContext) -> None:
    today = today_for(context.organization)
    this_month = month_start(today)
    story = Story(context=context, today=today, this_month=this_month, first_month=add_months(this_month, -3))
    _photography(story)
    _support(story)
    _bookkeeping(story)
    _relaunch(story)
    _newsletter(story)
    _reels_draft(story)


def _photography(story: Story) -> None:
    """Carol by the hour, 8 h a week at most: three months of history, this month in every state."""
    carol = story.contract(
        "Product photography",
        "carol",
        "Weekly product photos",
        "hourly",
        story.first_month,
        hourly_rate_cents=5500,
        weekly_cap_minutes=8 * 60,
    )
    carol = story.activate(carol)
    for months_back in (3, 2, 1):
        start = add_months(story.this_month, -months_back)
        days = _work_days(start + timedelta(days=2), start + timedelta(days=20), every=7)
        story.log_and_review(carol, days, 180, note="Menu and counter shots")
    recent = [max(story.this_month, story.today - timedelta(days=d)) for d in (3, 2, 1, 0)]
    entries = [
        time_entry_create(
            contractor=carol.contractor, contract=carol, worked_on=_not_ahead(carol, day), minutes=minutes, note=note
        )
        for day, minutes, note in zip(
            recent,
            (240, 150, 90, 120),
            ("Sourdough launch shoot", "Retouching", "Instagram crops", "Cake counter reshoot"),
            strict=True,
        )
    ]
    bob = story.person("bob")
    time_entry_approve(entry=entries[0], actor=bob)
    time_entry_reject(entry=entries[1], actor=bob, reason="Retouching is included in the shoot rate.")
    # entries[2] and entries[3] stay submitted: the owner's review queue.


def _support(story: Story) -> None:
    """Joy by the hour in USD, converted at the recorded rate."""
    joy = story.contract(
        "Customer support",
        "joy",
        "Shop inbox, evenings",
        "hourly",
        story.first_month,
        currency="USD",
        exchange_rate_micros=USD_TO_EUR,
        hourly_rate_cents=1200,
        weekly_cap_minutes=12 * 60,
    )
    joy = story.activate(joy)
    for months_back in (3, 2, 1):
        start = add_months(story.this_month, -months_back)
        story.log_and_review(joy, _work_days(start, start + timedelta(days=24), every=1), 120)
    yesterday = max(story.this_month, story.today - timedelta(days=1))
    story.log_and_review(joy, [yesterday], 180, approve=False, note="Easter orders")


def _bookkeeping(story: Story) -> None:
    """Jonas on a retainer; the worker posts each month's fee."""
    jonas = story.contract(
        "Bookkeeping",
        "jonas",
        "Monthly close and VAT",
        "retainer",
        story.first_month,
        monthly_fee_cents=35_000,
        included_minutes=4 * 60,
        overage_rate_cents=4800,
    )
    jonas = story.activate(jonas)
    for months_back in (3, 2, 1, 0):
        retainer_fees_post(today=add_months(story.this_month, -months_back))
    last_month = add_months(story.this_month, -1)
    days = [last_month + timedelta(days=d) for d in (3, 8)]
    story.log_and_review(jonas, days, 150, note="VAT return and year-end questions")


def _relaunch(story: Story) -> None:
    """Marcus, fixed price in USD; two of three milestones paid and an expense → near the limit."""
    relaunch = story.budget("Website relaunch")
    start, this_month = relaunch.starts_on, story.this_month
    marcus = story.contract(
        "Website relaunch",
        "marcus",
        "Shop relaunch",
        "fixed",
        start,
        ends_on=relaunch.ends_on,
        currency="USD",
        exchange_rate_micros=USD_TO_EUR,
        total_cents=950_000,
        milestones=[
            {"title": "Design and theme", "amount_cents": 300_000, "due_on": start + timedelta(days=20)},
            {"title": "Checkout and gift cards", "amount_cents": 400_000, "due_on": this_month},
            {"title": "Launch", "amount_cents": 250_000, "due_on": add_months(this_month, 1)},
        ],
    )
    marcus = story.activate(marcus)
    for milestone in marcus.milestones.order_by("position")[:2]:
        milestone_accept(milestone=milestone, actor=story.person("bob"), today=story.today)
    # Recorded after the contract is active: it is what takes the budget near its limit.
    expense_record(
        budget=relaunch,
        actor=story.person("bob"),
        amount_cents=200_000,
        occurred_on=max(start, story.today - timedelta(days=10)),
        description="Theme licence and a year of hosting",
    )


def _newsletter(story: Story) -> None:
    """Wanjiru's quote was over the budget; Alice overrode it with a reason."""
    newsletter = story.budget("Holiday newsletter")
    start = newsletter.starts_on
    wanjiru = story.contract(
        "Holiday newsletter",
        "wanjiru",
        "Holiday newsletter series",
        "fixed",
        start,
        ends_on=newsletter.ends_on,
        total_cents=360_000,
        milestones=[
            {"title": "Three drafts", "amount_cents": 160_000, "due_on": start + timedelta(days=14)},
            {"title": "Final copy", "amount_cents": 200_000, "due_on": story.this_month + timedelta(days=10)},
        ],
    )
    wanjiru = story.activate(wanjiru, reason="The holiday sales pay for it; agreed an extra round of edits.")
    for milestone in wanjiru.milestones.order_by("position"):
        milestone_accept(milestone=milestone, actor=story.person("bob"), today=story.today)


def _reels_draft(story: Story) -> None:
    """A draft contract for Valentina's reels trial, still under discussion."""
    story.contract(
        "Marketing",
        "valentina",
        "Reels trial",
        "hourly",
        story.this_month,
        currency="USD",
        exchange_rate_micros=USD_TO_EUR,
        hourly_rate_cents=2500,
        weekly_cap_minutes=8 * 60,
    )
