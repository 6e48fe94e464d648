"""Issue 9 item 3: activation guard, budget status and overview count one sum — spent + committed +
expected hourly spend — for the period. The reported case: a £1,500 monthly budget, an hourly
contract expecting £1,319.50 to the period's end, then a £595 retainer and a £700 fixed price."""

from datetime import date

import pytest

from outsourcer.budgets.selectors import budget_figures, budget_list_for_organization
from outsourcer.contracts.commitments import contract_commitment, weekly_cap_that_fits
from outsourcer.contracts.models import ContractStatus
from outsourcer.contracts.services import contract_activate
from outsourcer.lib.errors import OverrideRequired
from outsourcer.testing.builders import TODAY, make_budget, make_contract

pytestmark = pytest.mark.django_db

# 15 days left in March (17th–31st): 980 min × 37.70 £/h × 15 / (7 × 60) = £1,319.50.
HOURLY = {"hourly_rate_cents": 3770, "weekly_cap_minutes": 980}
RETAINER = {"monthly_fee_cents": 59_500, "included_minutes": 600, "overage_rate_cents": 4000}
FIXED = {
    "total_cents": 70_000,
    "milestones": [{"title": "Launch", "amount_cents": 70_000, "due_on": date(2025, 3, 28)}],
}


def _budget(personas):
    return make_budget(personas, name="Marketing", amount_cents=150_000, currency="GBP")


def _draft(personas, budget, rate_model, terms, title):
    return make_contract(personas, budget, rate_model=rate_model, activate=False, title=title, **terms)


def _activate(contract, personas, **kwargs):
    return contract_activate(contract=contract, actor=personas.alice, today=TODAY, **kwargs)


def test_it_reproduces_the_report_and_warns_on_the_sum_with_the_numbers(personas):
    budget = _budget(personas)
    hourly = _draft(personas, budget, "hourly", HOURLY, "Ads")
    assert contract_commitment(contract=hourly, today=TODAY).forecast_cents == 131_950
    _activate(hourly, personas)  # £1,319.50 of £1,500: fits

    retainer = _draft(personas, budget, "retainer", RETAINER, "Social")
    with pytest.raises(OverrideRequired) as caught:
        _activate(retainer, personas)
    error = caught.value
    assert error.details["remaining_cents"] == 150_000 - 131_950
    assert error.details["total_cents"] == 131_950 + 59_500
    assert error.message.startswith(
        "Social would take “Marketing” to £1,914.50 of its £1,500.00 this period (£414.50 over): "
        "spent £0.00 + committed £0.00 + expected hourly £1,319.50 + this contract £595.00."
    )
    assert "Up to £180.50 would fit." in error.message
    _activate(retainer, personas, may_override=True, override_reason="agreed with the board")

    fixed = _draft(personas, budget, "fixed", FIXED, "Site")
    with pytest.raises(OverrideRequired) as caught:
        _activate(fixed, personas)
    assert caught.value.message.startswith(
        "Site would take “Marketing” to £2,614.50 of its £1,500.00 this period (£1,114.50 over): "
        "spent £0.00 + committed £595.00 + expected hourly £1,319.50 + this contract £700.00."
    )
    assert "Nothing more fits this period." in caught.value.message
    _activate(fixed, personas, may_override=True, override_reason="launch")

    figures = budget_figures(budget=budget, today=TODAY)
    assert (figures.projected_cents, figures.percent_projected) == (261_450, 174)
    assert (figures.remaining_cents, figures.status) == (150_000 - 261_450, "over")
    # The overview's statement says the same.
    [listed] = budget_list_for_organization(organization=personas.org, today=TODAY)
    assert listed.figures == figures


def test_an_hourly_contract_is_told_the_weekly_cap_that_fits(personas):
    budget = _budget(personas)
    make_contract(personas, budget, rate_model="retainer", title="Social", **RETAINER)  # £595 committed
    hourly = _draft(personas, budget, "hourly", HOURLY, "Ads")

    with pytest.raises(OverrideRequired) as caught:
        _activate(hourly, personas)

    commitment = contract_commitment(contract=hourly, today=TODAY)
    cap = weekly_cap_that_fits(contract=hourly, commitment=commitment, fits_cents=150_000 - 59_500)
    assert caught.value.details["fitting_weekly_cap_minutes"] == cap == 672  # 11 h 12 min
    assert "A weekly cap of up to 11 h 12 min would fit." in caught.value.message
    hourly.refresh_from_db()
    assert hourly.status == ContractStatus.DRAFT


@pytest.mark.parametrize(
    ("cap_minutes", "status"), [(0, "ok"), (100, "ok"), (200, "warn"), (672, "warn"), (673, "over")]
)
def test_status_bar_and_remaining_come_from_one_rule(personas, cap_minutes, status):
    # Default thresholds (first 50 %): the status follows spent + committed + expected hourly spend.
    budget = _budget(personas)
    make_contract(personas, budget, rate_model="retainer", title="Social", **RETAINER)
    if cap_minutes:
        make_contract(
            personas, budget, rate_model="hourly", title="Ads", hourly_rate_cents=3770, weekly_cap_minutes=cap_minutes
        )

    figures = budget_figures(budget=budget, today=TODAY)

    assert figures.projected_cents == figures.spent_cents + figures.committed_cents + figures.forecast_hourly_cents
    assert figures.remaining_cents == figures.budgeted_cents - figures.projected_cents
    assert figures.percent_projected == figures.projected_cents * 100 // figures.budgeted_cents
    assert figures.status == status
    assert (figures.status == "over") == (figures.remaining_cents <= 0)
