"""Demo budgets for Crumb & Co. Bakery (`manage.py demo`, see lib/demo_context.py): six budgets, and the
marketing ad spend with one duplicate reversed. The contracts that draw on them, and their time,
milestones and fees, come from contracts/demo.py. Everything goes through the services,
back-dated with explicit dates, so the demo shows what the product would have recorded.
"""

from datetime import timedelta

from outsourcer.budgets.periods import add_months, month_start, today_for
from outsourcer.budgets.services import budget_create, expense_record, spend_entry_reverse
from outsourcer.lib.demo_context import DemoContext

MARKETING_SPEND = [  # (days ago, cents, description)
    (100, 40_000, "Instagram ads"),
    (40, 25_000, "Instagram ads"),
    (12, 25_000, "Instagram ads"),
    (5, 18_000, "Printed flyers"),
]


def load(context: DemoContext) -> None:
    organization, alice = context.organization, context.people["alice"]
    today = today_for(organization)
    this_month = month_start(today)
    first_month = add_months(this_month, -3)
    budgets = [  # name, period, amount, starts on, ends on, thresholds
        ("Product photography", "monthly", 200_000, first_month, None, None),
        ("Customer support", "monthly", 70_000, first_month, None, None),
        ("Bookkeeping", "monthly", 40_000, first_month, None, [80, 100]),
        ("Website relaunch", "one_off", 1_000_000, add_months(this_month, -2), add_months(this_month, 3), None),
        ("Holiday newsletter", "one_off", 300_000, add_months(this_month, -1), add_months(this_month, 1), None),
        ("Marketing", "quarterly", 300_000, add_months(this_month, -6), None, None),
    ]
    for name, period, amount_cents, starts_on, ends_on, thresholds in budgets:
        budget = budget_create(
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
        context.people[f"budget:{name}"] = budget
    _marketing_spend(context, today)


def _marketing_spend(context: DemoContext, today) -> None:
    """Quarterly ad spend; the flyers were booked twice and the duplicate is reversed."""
    marketing, bob = context.people["budget:Marketing"], context.people["bob"]
    for days_back, cents, text in MARKETING_SPEND:
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
    spend_entry_reverse(
        entry=duplicate, actor=context.people["alice"], reason="Booked twice; the printer sent one invoice."
    )
