"""Access-matrix rows for the budget pages (the API rows live in access_rows.py)."""

from outsourcer.budgets.periods import today_for
from outsourcer.testing.builders import make_budget
from outsourcer.testing.rows import insert_receipt_spend, insert_spend
from tests.access_matrix import (
    ORG_OWNER_POST,
    ORG_READ,
    ORG_RUN_POST,
    OWN_WORK_POST,
    Row,
    as_contractor_manager,
    expect,
)

ORG = {"kwargs": lambda p: {"org_slug": p.org.slug}}
OWNER_FORM = expect(302, 200, 403, 403, 404, 404, 404)
RUNNERS_FORM = expect(302, 200, 200, 403, 404, 404, 404)
FOREIGN_READ = expect(302, 404, 404, 404, 404, 404, 404)
FOREIGN_OWNER = expect(302, 404, 403, 403, 404, 404, 404)  # the role check comes before the object lookup
FOREIGN_RUNNER = expect(302, 404, 404, 403, 404, 404, 404)
INVALID_OWNER_POST = expect(302, 400, 403, 403, 404, 404, 404)
ADVICE = expect(302, 200, 200, 200, 404, 404, 404)  # a question, not a change: every member may ask


def _budget(p):
    return {"org_slug": p.org.slug, "budget_id": make_budget(p).pk}


def _oscars_budget(p):
    return {"org_slug": p.org.slug, "budget_id": make_budget(p, organization=p.other_org, name="Oscar's ads").pk}


def _entry(p):
    budget = make_budget(p)
    return {"org_slug": p.org.slug, "budget_id": budget.pk, "entry_id": insert_spend(budget).pk}


def _oscars_entry_in_own_budget(p):
    budget = make_budget(p)
    foreign = insert_spend(make_budget(p, organization=p.other_org, name="Oscar's ads"))
    return {"org_slug": p.org.slug, "budget_id": budget.pk, "entry_id": foreign.pk}


def _receipt(p):
    budget = make_budget(p)
    return {"org_slug": p.org.slug, "budget_id": budget.pk, "entry_id": insert_receipt_spend(budget).pk}


def _budget_form(p):
    return {"name": "Matrix budget", "period": "monthly", "amount": "1,200.50", "currency": "EUR",
            "starts_on": "2025-01-01", "thresholds": "50, 80, 100"}  # fmt: skip


def _expense_form(p):
    return {"amount": "45.00", "occurred_on": today_for(p.org).isoformat(), "description": "Stock photos"}


def _advice_form(p):
    return {"low_hours": "10", "high_hours": "20", "contractor": p.carol_contractor.pk}


PAGE_ROWS = [
    Row("budgets:list", ORG_READ, **ORG),
    Row("budgets:create", OWNER_FORM, **ORG),
    Row("budgets:create", ORG_OWNER_POST, method="POST", get_allowed=True, data=_budget_form, **ORG),
    Row(
        "budgets:create",
        INVALID_OWNER_POST,
        method="POST",
        get_allowed=True,
        data=lambda p: {"name": ""},
        note="invalid",
        **ORG,
    ),  # fmt: skip
    Row("budgets:detail", ORG_READ, kwargs=_budget),
    Row("budgets:detail", FOREIGN_READ, kwargs=_oscars_budget, note="foreign"),
    Row("budgets:edit", OWNER_FORM, kwargs=_budget),
    Row("budgets:edit", ORG_OWNER_POST, method="POST", get_allowed=True, kwargs=_budget, data=_budget_form),
    Row(
        "budgets:edit",
        FOREIGN_OWNER,
        method="POST",
        get_allowed=True,
        kwargs=_oscars_budget,
        data=_budget_form,
        note="foreign",
    ),  # fmt: skip
    Row("budgets:ledger-export", ORG_READ, kwargs=_budget),
    Row("budgets:ledger-export", FOREIGN_READ, kwargs=_oscars_budget, note="foreign"),
    Row("budgets:burn-export", ORG_READ, kwargs=_budget),
    Row("budgets:burn-export", FOREIGN_READ, kwargs=_oscars_budget, note="foreign"),
    Row("budgets:advice", ORG_READ, kwargs=_budget),  # opens the advisor's form
    Row("budgets:advice", FOREIGN_READ, kwargs=_oscars_budget, note="foreign"),
    Row("budgets:advice", ADVICE, method="POST", get_allowed=True, kwargs=_budget, data=_advice_form),
    Row(
        "budgets:advice",
        FOREIGN_READ,
        method="POST",
        get_allowed=True,
        kwargs=_oscars_budget,
        data=_advice_form,
        note="foreign",
    ),
    Row("budgets:expense-create", RUNNERS_FORM, kwargs=_budget),
    Row("budgets:expense-create", ORG_RUN_POST, method="POST", get_allowed=True, kwargs=_budget, data=_expense_form),
    # Carol, also a manager here, may not record an expense paid to herself (issue 8, hole 2).
    Row(
        "budgets:expense-create",
        OWN_WORK_POST,
        method="POST",
        get_allowed=True,
        kwargs=as_contractor_manager(_budget),
        data=lambda p: {**_expense_form(p), "contractor": p.carol_contractor.pk},
        note="contractor-manager: paid to herself",
    ),  # fmt: skip
    Row(
        "budgets:expense-create",
        FOREIGN_RUNNER,
        method="POST",
        get_allowed=True,
        kwargs=_oscars_budget,
        data=_expense_form,
        note="foreign",
    ),  # fmt: skip
    Row("budgets:entry-reverse", OWNER_FORM, kwargs=_entry),
    Row(
        "budgets:entry-reverse",
        ORG_OWNER_POST,
        method="POST",
        get_allowed=True,
        kwargs=_entry,
        data=lambda p: {"reason": "Booked twice", "confirm": "on"},
    ),  # fmt: skip
    Row(
        "budgets:entry-reverse",
        FOREIGN_OWNER,
        method="POST",
        get_allowed=True,
        kwargs=_oscars_entry_in_own_budget,
        data=lambda p: {"reason": "Mine now", "confirm": "on"},
        note="foreign entry",
    ),  # fmt: skip
    Row("budgets:receipt", ORG_READ, kwargs=_receipt),
    Row("budgets:receipt", FOREIGN_READ, kwargs=_oscars_entry_in_own_budget, note="foreign entry"),
]
