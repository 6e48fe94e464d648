"""Demo budgets, contracts, time and ledger history for `manage.py demo` (called once, after the
contractors exist). Everything goes through the services, back-dated with explicit dates, so the
demo shows what the product would have recorded:

- Product photography (monthly, Carol hourly): three months of history, this month's time in
  every state;
- Customer support (monthly, Joy hourly in USD at a recorded rate);
- Bookkeeping (monthly, Jonas retainer): a fee per month, some overage;
- Website relaunch (one-off, Marcus fixed price in USD): near its limit;
- Holiday newsletter (one-off, Wanjiru fixed price): over it, activated with a recorded override;
- Marketing (quarterly): expenses, one reversed as a duplicate; a draft contract for Valentina.
"""

from datetime import date, timedelta

from outsourcer.accounts.models import Organization
from outsourcer.budgets.jobs import retainer_fees_post
from outsourcer.budgets.periods import add_months, month_start, today_for
from outsourcer.budgets.services import budget_create, expense_record, spend_entry_reverse
from outsourcer.contracts.services import (
    contract_activate,
    contract_create,
    milestone_accept,
    time_entry_approve,
    time_entry_create,
    time_entry_reject,
)
from outsourcer.lib.errors import OverrideRequired
from outsourcer.lib.timezones import today_in

USD_TO_EUR = 920_000  # 1 USD = 0.92 EUR, as agreed in the contracts


def _engagement(people: dict, key: str):
    engagement = people.get(f"{key}_engagement")
    if engagement is None:  # the other shape: a list of engagements
        engagement = next(e for e in people.get("engagements", []) if e.contractor.email.startswith(key))
    return engagement


def _activate(contract, owner, today, reason=""):
    try:
        return contract_activate(contract=contract, actor=owner, today=today)
    except OverrideRequired:
        # Only the story's over-budget contract gets here with a reason; the rest fit.
        return contract_activate(
            contract=contract,
            actor=owner,
            today=today,
            may_override=True,
            override_reason=reason or "Agreed before the budget was set up.",
        )


def _work_days(first: date, last: date, every: int = 2):
    day = first
    while day <= last:
        if day.weekday() < 5:
            yield day
        day += timedelta(days=every)


def _not_ahead(contract, day: date) -> date:
    # The bakery's today can be the contractor's tomorrow (Berlin after midnight, Lisbon before it),
    # and nobody logs time for a day that has not begun where they are.
    return min(day, today_in(contract.contractor.time_zone))


def load(*, organization: Organization, people: dict) -> None:
    alice, bob = people["alice"], people["bob"]
    today = today_for(organization)
    this_month = month_start(today)
    first_month = add_months(this_month, -3)

    def budget(name, period, amount_cents, starts_on, ends_on=None, thresholds=None):
        return budget_create(
            organization=organization,
            actor=alice,
            name=name,
            period=period,
            starts_on=starts_on,
            ends_on=ends_on,
            amount_cents=amount_cents,
            currency=organization.currency or "EUR",
            thresholds=thresholds,
        )

    def contract(budget_, key, title, rate_model, starts_on, **terms):
        return contract_create(
            organization=organization,
            actor=bob,
            budget=budget_,
            contractor=_engagement(people, key).contractor,
            title=title,
            rate_model=rate_model,
            starts_on=starts_on,
            **terms,
        )

    def log_and_review(contract_, days, minutes, approve=True, note=""):
        for day in days:
            entry = time_entry_create(
                contractor=contract_.contractor, contract=contract_, worked_on=_not_ahead(contract_, day),
                minutes=minutes, note=note,
            )  # fmt: skip
            if approve:
                time_entry_approve(entry=entry, actor=bob)

    # Product photography: Carol by the hour, 8 h a week at most.
    photos = budget("Product photography", "monthly", 200_000, first_month)
    carol = contract(
        photos,
        "carol",
        "Weekly product photos",
        "hourly",
        first_month,
        hourly_rate_cents=5500,
        weekly_cap_minutes=8 * 60,
    )
    carol = _activate(carol, alice, today)
    for months_back in (3, 2, 1):
        start = add_months(this_month, -months_back)
        log_and_review(
            carol,
            _work_days(start + timedelta(days=2), start + timedelta(days=20), every=7),
            180,
            note="Menu and counter shots",
        )
    recent = [max(this_month, today - timedelta(days=d)) for d in (3, 2, 1, 0)]
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
    time_entry_approve(entry=entries[0], actor=bob)
    time_entry_reject(entry=entries[1], actor=bob, reason="Retouching is included in the shoot rate.")
    # entries[2] and entries[3] stay submitted: the owner's review queue.

    # Customer support: Joy by the hour in USD, converted at the recorded rate.
    support = budget("Customer support", "monthly", 70_000, first_month)
    joy = contract(
        support,
        "joy",
        "Shop inbox, evenings",
        "hourly",
        first_month,
        currency="USD",
        exchange_rate_micros=USD_TO_EUR,
        hourly_rate_cents=1200,
        weekly_cap_minutes=12 * 60,
    )
    joy = _activate(joy, alice, today)
    for months_back in (3, 2, 1):
        start = add_months(this_month, -months_back)
        log_and_review(joy, _work_days(start, start + timedelta(days=24), every=1), 120)
    log_and_review(joy, [max(this_month, today - timedelta(days=1))], 180, approve=False, note="Easter orders")

    # Bookkeeping: Jonas on a retainer; the worker posts each month's fee.
    books = budget("Bookkeeping", "monthly", 40_000, first_month, thresholds=[80, 100])
    jonas = contract(
        books,
        "jonas",
        "Monthly close and VAT",
        "retainer",
        first_month,
        monthly_fee_cents=35_000,
        included_minutes=4 * 60,
        overage_rate_cents=4800,
    )
    jonas = _activate(jonas, alice, today)
    for months_back in (3, 2, 1, 0):
        retainer_fees_post(today=add_months(this_month, -months_back))
    log_and_review(
        jonas,
        [add_months(this_month, -1) + timedelta(days=d) for d in (3, 8)],
        150,
        note="VAT return and year-end questions",
    )

    # Website relaunch: Marcus, fixed price in USD; two of three milestones paid → near the limit.
    relaunch_start = add_months(this_month, -2)
    relaunch = budget("Website relaunch", "one_off", 1_000_000, relaunch_start, add_months(this_month, 3))
    marcus = contract(
        relaunch,
        "marcus",
        "Shop relaunch",
        "fixed",
        relaunch_start,
        ends_on=relaunch.ends_on,
        currency="USD",
        exchange_rate_micros=USD_TO_EUR,
        total_cents=950_000,
        milestones=[
            {"title": "Design and theme", "amount_cents": 300_000, "due_on": relaunch_start + timedelta(days=20)},
            {"title": "Checkout and gift cards", "amount_cents": 400_000, "due_on": this_month},
            {"title": "Launch", "amount_cents": 250_000, "due_on": add_months(this_month, 1)},
        ],
    )
    marcus = _activate(marcus, alice, today)
    for milestone in marcus.milestones.order_by("position")[:2]:
        milestone_accept(milestone=milestone, actor=bob, today=today)
    expense_record(
        budget=relaunch,
        actor=bob,
        amount_cents=200_000,
        occurred_on=max(relaunch_start, today - timedelta(days=10)),
        description="Theme licence and a year of hosting",
    )

    # Holiday newsletter: Wanjiru's quote was over the budget; Alice overrode it with a reason.
    newsletter_start = add_months(this_month, -1)
    newsletter = budget("Holiday newsletter", "one_off", 300_000, newsletter_start, add_months(this_month, 1))
    wanjiru = contract(
        newsletter,
        "wanjiru",
        "Holiday newsletter series",
        "fixed",
        newsletter_start,
        ends_on=newsletter.ends_on,
        total_cents=360_000,
        milestones=[
            {"title": "Three drafts", "amount_cents": 160_000, "due_on": newsletter_start + timedelta(days=14)},
            {"title": "Final copy", "amount_cents": 200_000, "due_on": this_month + timedelta(days=10)},
        ],
    )
    wanjiru = _activate(wanjiru, alice, today, reason="The holiday sales pay for it; agreed an extra round of edits.")
    for milestone in wanjiru.milestones.order_by("position"):
        milestone_accept(milestone=milestone, actor=bob, today=today)

    # Marketing: quarterly ad spend, one duplicate corrected, a draft contract under discussion.
    marketing = budget("Marketing", "quarterly", 300_000, add_months(this_month, -6))
    for days_back, cents, text in (
        (100, 40_000, "Instagram ads"),
        (40, 25_000, "Instagram ads"),
        (12, 25_000, "Instagram ads"),
        (5, 18_000, "Printed flyers"),
    ):
        expense_record(
            budget=marketing,
            actor=bob,
            amount_cents=cents,
            occurred_on=today - timedelta(days=days_back),
            description=text,
        )
    duplicate = expense_record(
        budget=marketing,
        actor=bob,
        amount_cents=18_000,
        occurred_on=today - timedelta(days=5),
        description="Printed flyers",
    )
    spend_entry_reverse(entry=duplicate, actor=alice, reason="Booked twice; the printer sent one invoice.")
    contract(
        marketing,
        "valentina",
        "Reels trial",
        "hourly",
        this_month,
        currency="USD",
        exchange_rate_micros=USD_TO_EUR,
        hourly_rate_cents=2500,
        weekly_cap_minutes=8 * 60,
    )
