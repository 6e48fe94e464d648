"""Access-matrix rows for the budgets API (the budget pages' rows live with the pages).

API columns: members call with a token of their organization (Oscar: his own), Carol and Dan with
portal tokens, anonymous with none. Contractors never see budgets: their portal tokens get 404.
"""

from datetime import date

from outsourcer.budgets.services import expense_record
from outsourcer.budgets.tests.access_rows_pages import PAGE_ROWS
from outsourcer.testing.builders import make_budget
from tests.access_matrix import OWN_WORK_API_CREATE, Row, as_contractor_manager, expect

API_LIST = expect(401, 200, 200, 200, 404, 404, 200)
API_READ = expect(401, 200, 200, 200, 404, 404, 404)
API_OWNER_WRITE = expect(401, 200, 403, 403, 404, 404, 404)
API_OWNER_CREATE = expect(401, 201, 403, 403, 404, 404, 404)
API_RUNNER_CREATE = expect(401, 201, 201, 403, 404, 404, 404)


def _budget(p):
    return {"budget_id": make_budget(p, name="Matrix budget").pk}


def _oscars_budget(p):
    return {"budget_id": make_budget(p, name="Oscar's budget", organization=p.other_org, actor=p.oscar).pk}


def _entry(p):
    budget = make_budget(p, name="Matrix budget")
    entry = expense_record(budget=budget, actor=p.bob, amount_cents=100, occurred_on=date(2025, 3, 3), description="x")
    return {"budget_id": budget.pk, "entry_id": entry.pk}


def _entry_in_oscars_budget_via_alices(p):
    mine = make_budget(p, name="Matrix budget")
    oscars = make_budget(p, name="Oscar's budget", organization=p.other_org, actor=p.oscar)
    entry = expense_record(
        budget=oscars, actor=p.oscar, amount_cents=100, occurred_on=date(2025, 3, 3), description="x"
    )
    return {"budget_id": mine.pk, "entry_id": entry.pk}


NEW_BUDGET = {"name": "Matrix", "period": "monthly", "starts_on": "2025-01-01", "amount_cents": 1000, "currency": "EUR"}

API_ROWS = [
    Row("/api/v1/budgets", API_LIST, api=True),
    Row("/api/v1/budgets", expect(401, 201, 403, 403, 404, 404, 201), method="POST", api=True,
        data=lambda p: NEW_BUDGET),
    Row("/api/v1/budgets", expect(401, 422, 403, 403, 404, 404, 422), method="POST", api=True,
        data=lambda p: {**NEW_BUDGET, "period": "one_off"}, note="one-off without an end"),
    Row("/api/v1/budgets", expect(401, 422, 422, 422, 422, 422, 422), method="POST", api=True,
        data=lambda p: {**NEW_BUDGET, "amount_cents": 0}, note="schema: amount 0"),
    Row("/api/v1/budgets/{budget_id}", API_READ, api=True, kwargs=_budget),
    Row("/api/v1/budgets/{budget_id}", expect(401, 404, 404, 404, 404, 404, 200), api=True, kwargs=_oscars_budget,
        note="Oscar's budget"),
    Row("/api/v1/budgets/{budget_id}", API_OWNER_WRITE, method="PATCH", api=True, kwargs=_budget,
        data=lambda p: {"amount_cents": 5000, "thresholds": [90]}),
    Row("/api/v1/budgets/{budget_id}", expect(401, 404, 403, 403, 404, 404, 200), method="PATCH", api=True,
        kwargs=_oscars_budget, data=lambda p: {"amount_cents": 5000}, note="Oscar's budget"),
    Row("/api/v1/budgets/{budget_id}/summary", API_READ, api=True, kwargs=_budget),
    Row("/api/v1/budgets/{budget_id}/ledger", API_READ, api=True, kwargs=_entry),
    Row("/api/v1/budgets/{budget_id}/ledger/{entry_id}/reverse", API_OWNER_CREATE, method="POST", api=True,
        kwargs=_entry, data=lambda p: {"reason": "Booked twice"}),
    Row("/api/v1/budgets/{budget_id}/ledger/{entry_id}/reverse", expect(401, 404, 403, 403, 404, 404, 404),
        method="POST", api=True, kwargs=_entry_in_oscars_budget_via_alices, data=lambda p: {"reason": "x"},
        note="Oscar's entry in Alice's budget"),
    Row("/api/v1/budgets/{budget_id}/expenses", API_RUNNER_CREATE, method="POST", api=True, kwargs=_budget,
        data=lambda p: {"amount_cents": 1250, "occurred_on": "2025-03-03", "description": "Ads"}),
    Row("/api/v1/budgets/{budget_id}/expenses", expect(401, 404, 404, 403, 404, 404, 201), method="POST", api=True,
        kwargs=_oscars_budget, data=lambda p: {"amount_cents": 1250, "occurred_on": "2025-03-03", "description": "x"},
        note="Oscar's budget"),
    Row("/api/v1/budgets/{budget_id}/expenses", OWN_WORK_API_CREATE, method="POST", api=True,
        kwargs=as_contractor_manager(_budget), note="contractor-manager: paid to herself",
        data=lambda p: {"amount_cents": 1250, "occurred_on": "2025-03-03", "description": "Props",
                        "engagement_id": p.carol_engagement.pk}),
    Row("/api/v1/budgets/{budget_id}/advice", API_READ, method="POST", api=True, kwargs=_budget,
        data=lambda p: {"low_minutes": 600, "high_minutes": 900, "rate_cents": 6000},
        wrote=None),  # a POST that only computes: nothing to write
]  # fmt: skip

# The pages' rows (outsourcer/budgets/tests/access_rows_pages.py).
ROWS = API_ROWS + PAGE_ROWS
