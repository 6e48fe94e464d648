from datetime import date

import pytest

from outsourcer.budgets.models import SpendEntry
from outsourcer.budgets.services import expense_record
from outsourcer.testing.builders import make_budget

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(personas):
    return make_budget(personas, amount_cents=100_000)


def test_the_list_carries_figures(personas, budget, api_as, time_machine):
    time_machine.move_to(date(2025, 3, 17))
    expense_record(budget=budget, actor=personas.bob, amount_cents=60_000, occurred_on=date(2025, 3, 3),
                   description="Ads")  # fmt: skip

    body = api_as(personas.vera).get("/budgets").json()

    assert body["count"] == 1
    item = body["items"][0]
    assert item["name"] == "Social media"
    assert item["figures"] == {
        "period_start": "2025-03-01", "period_end": "2025-03-31", "currency": "EUR", "budgeted_cents": 100_000,
        "spent_cents": 60_000, "committed_cents": 0, "remaining_cents": 40_000, "forecast_hourly_cents": 0,
        "percent_spent": 60, "projected_cents": 60_000, "percent_projected": 60, "status": "warn",
    }  # fmt: skip


def test_an_owner_creates_and_updates_a_budget(personas, api_as):
    alice = api_as(personas.alice)
    response = alice.post("/budgets", {"name": "Bookkeeping", "period": "quarterly", "starts_on": "2025-01-01",
                                       "amount_cents": 90_000, "currency": "EUR"})  # fmt: skip
    assert response.status_code == 201
    created = response.json()
    assert created["thresholds"] == [50, 80, 100] and created["figures"]["budgeted_cents"] == 90_000

    response = alice.patch(f"/budgets/{created['id']}", {"amount_cents": 120_000, "thresholds": [75, 100]})
    assert response.status_code == 200
    assert (response.json()["amount_cents"], response.json()["thresholds"]) == (120_000, [75, 100])


def test_service_errors_come_back_next_to_their_fields(personas, budget, api_as):
    alice = api_as(personas.alice)
    response = alice.post("/budgets", {"name": "social media", "period": "one_off", "starts_on": "2025-01-01",
                                       "amount_cents": 1, "currency": "EUR", "thresholds": [80, 50]})  # fmt: skip

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "name": "Another budget already has this name.",
        "ends_on": "End date is required.",
        "thresholds": "List thresholds in ascending order without repeats.",
    }


def test_the_schema_rejects_nul_and_out_of_range_values(personas, api_as):
    response = api_as(personas.alice).post("/budgets", {"name": "A\x00", "period": "monthly",
                                                        "starts_on": "2025-01-01", "amount_cents": -1,
                                                        "currency": "eur", "thresholds": [0]})  # fmt: skip
    assert response.status_code == 422
    assert set(response.json()["errors"]) >= {"name", "amount_cents", "currency"}


def test_a_contractor_never_sees_budgets(personas, budget, api_as):
    carol = api_as(personas.carol, portal=True)
    assert carol.get("/budgets").status_code == 404
    assert carol.get(f"/budgets/{budget.pk}").status_code == 404
    assert carol.get(f"/budgets/{budget.pk}/ledger").status_code == 404


def test_the_summary_has_burn_history_by_contractor_and_run_out(personas, budget, api_as, time_machine):
    time_machine.move_to(date(2025, 3, 3))
    expense_record(budget=budget, actor=personas.bob, amount_cents=80_000, occurred_on=date(2025, 3, 2),
                   description="Ads")  # fmt: skip

    body = api_as(personas.bob).get(f"/budgets/{budget.pk}/summary").json()

    assert body["figures"]["spent_cents"] == 80_000
    assert body["burn"] == [{"day": "2025-03-01", "spent_cents": 0}, {"day": "2025-03-02", "spent_cents": 80_000},
                            {"day": "2025-03-03", "spent_cents": 80_000}]  # fmt: skip
    assert body["by_contractor"] == [{"contractor_id": None, "name": "No contractor", "spent_cents": 80_000}]
    assert body["history"][0] == {"period_start": "2025-03-01", "period_end": "2025-03-31", "spent_cents": 80_000}
    # 20,000 left at 80,000 per 30 days: 7.5 days → runs out on the 8th day after today
    assert body["run_out_on"] == "2025-03-11"

    past = api_as(personas.bob).get(f"/budgets/{budget.pk}/summary", period_start="2025-02-10").json()
    assert past["figures"]["period_start"] == "2025-02-01" and past["run_out_on"] is None


def test_the_ledger_lists_filters_and_reverses(personas, budget, api_as):
    entry = expense_record(budget=budget, actor=personas.bob, amount_cents=1_250, occurred_on=date(2025, 3, 3),
                           description="Ads", contractor=personas.carol_contractor)  # fmt: skip
    alice = api_as(personas.alice)

    response = alice.post(f"/budgets/{budget.pk}/ledger/{entry.pk}/reverse", {"reason": "Wrong budget"})
    assert response.status_code == 201
    assert response.json()["amount_cents"] == -1_250 and response.json()["reverses_id"] == entry.pk

    items = alice.get(f"/budgets/{budget.pk}/ledger").json()["items"]
    assert [(i["kind"], i["amount_cents"]) for i in items] == [("correction", -1_250), ("expense", 1_250)]
    assert items[1]["reversed_by_id"] == items[0]["id"] and items[1]["contractor_name"] == "Carol Contractor"
    assert alice.get(f"/budgets/{budget.pk}/ledger", kind="expense").json()["count"] == 1
    only_carol = alice.get(f"/budgets/{budget.pk}/ledger", engagement_id=personas.carol_engagement.pk).json()
    assert only_carol["count"] == 2
    assert alice.get(f"/budgets/{budget.pk}/ledger", since="2025-04-01").json()["count"] == 0

    again = alice.post(f"/budgets/{budget.pk}/ledger/{entry.pk}/reverse", {"reason": "Again"})
    assert again.status_code == 400 and again.json()["code"] == "already_reversed"


def test_the_ledger_has_no_edit_or_delete(personas, budget, api_as):
    entry = expense_record(budget=budget, actor=personas.bob, amount_cents=1, occurred_on=date(2025, 3, 3),
                           description="x")  # fmt: skip
    alice = api_as(personas.alice)
    path = f"/api/v1/budgets/{budget.pk}/ledger/{entry.pk}"
    for method in ("put", "patch", "delete"):
        response = getattr(alice.client, method)(path, headers=alice.headers, content_type="application/json")
        assert response.status_code in (404, 405)
    assert SpendEntry.objects.get(pk=entry.pk).amount_cents == 1


def test_a_manager_records_an_expense(personas, budget, api_as):
    response = api_as(personas.bob).post(f"/budgets/{budget.pk}/expenses", {
        "amount_cents": 4_200, "occurred_on": "2025-03-05", "description": "Stock photos",
        "engagement_id": personas.carol_engagement.pk})  # fmt: skip

    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["contractor_id"]) == ("expense", personas.carol_contractor.pk)
    outside = api_as(personas.bob).post(f"/budgets/{budget.pk}/expenses", {
        "amount_cents": 1, "occurred_on": "2024-12-31", "description": "x"})  # fmt: skip
    assert outside.status_code == 400 and outside.json()["code"] == "outside_budget"
    foreign = api_as(personas.bob).post(f"/budgets/{budget.pk}/expenses", {
        "amount_cents": 1, "occurred_on": "2025-03-05", "description": "x",
        "engagement_id": personas.dan_engagement.pk})  # fmt: skip
    assert foreign.status_code == 404


def test_the_advisor_compares_the_models(personas, budget, api_as, time_machine):
    time_machine.move_to(date(2025, 3, 17))
    estimate = {"low_minutes": 600, "high_minutes": 900, "engagement_id": personas.carol_engagement.pk, "weeks": 2}
    response = api_as(personas.vera).post(f"/budgets/{budget.pk}/advice", estimate)

    assert response.status_code == 200
    body = response.json()
    assert body["remaining_cents"] == 100_000
    assert [(o["rate_model"], o["expected_cents"], o["percent_of_remaining"]) for o in body["options"]] == [
        ("hourly", 75_000, 75), ("fixed", 103_500, 104), ("retainer", 90_000, 90),
    ]  # fmt: skip
    bad = api_as(personas.vera).post(f"/budgets/{budget.pk}/advice", {"low_minutes": 900, "high_minutes": 600,
                                                                        "rate_cents": 100})  # fmt: skip
    assert bad.status_code == 422 and "high_minutes" in bad.json()["errors"]
