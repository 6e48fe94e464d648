from datetime import date
from unittest import mock

import pytest
from django.core.management import call_command

from outsourcer.budgets.models import SpendEntry
from outsourcer.contracts.jobs import retainer_fees_post
from outsourcer.contracts.services import contract_end
from outsourcer.testing.builders import TODAY, make_budget, make_contract

pytestmark = pytest.mark.django_db


def test_it_posts_each_active_retainers_fee_once_per_month(personas):
    budget = make_budget(personas, amount_cents=10**9)
    retainer = make_contract(personas, budget, rate_model="retainer")
    make_contract(personas, budget)  # hourly: no fee

    assert retainer_fees_post(today=TODAY) == 1
    assert retainer_fees_post(today=TODAY) == 0

    fee = SpendEntry.objects.get(kind="retainer_fee")
    assert (fee.amount_cents, fee.covers_month, fee.occurred_on, fee.period_start) == (
        50_000, date(2025, 3, 1), date(2025, 3, 1), date(2025, 3, 1),
    )  # fmt: skip
    assert (fee.contract, fee.contractor, fee.created_by) == (retainer, personas.carol_contractor, None)
    assert retainer_fees_post(today=date(2025, 4, 1)) == 1
    assert SpendEntry.objects.filter(kind="retainer_fee").count() == 2


def test_a_contract_starting_mid_month_is_charged_from_its_start(personas):
    budget = make_budget(personas, amount_cents=10**9)
    make_contract(personas, budget, rate_model="retainer", starts_on=date(2025, 3, 20))

    assert retainer_fees_post(today=TODAY) == 0  # has not started yet
    assert retainer_fees_post(today=date(2025, 3, 20)) == 1
    assert SpendEntry.objects.get().occurred_on == date(2025, 3, 20)


def test_ended_drafts_and_expired_contracts_are_not_charged(personas):
    budget = make_budget(personas, amount_cents=10**9)
    ended = make_contract(personas, budget, rate_model="retainer")
    contract_end(contract=ended, actor=personas.alice)
    make_contract(personas, budget, rate_model="retainer", activate=False)
    make_contract(personas, budget, rate_model="retainer", ends_on=date(2025, 2, 28), today=date(2025, 2, 1))

    assert retainer_fees_post(today=TODAY) == 0


def test_a_quarterly_budget_holds_three_monthly_fees(personas):
    budget = make_budget(personas, period="quarterly", amount_cents=10**9)
    make_contract(personas, budget, rate_model="retainer")

    for day in (date(2025, 1, 2), date(2025, 2, 2), date(2025, 3, 2)):
        assert retainer_fees_post(today=day) == 1

    assert set(SpendEntry.objects.values_list("period_start", flat=True)) == {date(2025, 1, 1)}


def test_a_foreign_currency_fee_keeps_the_original(personas):
    budget = make_budget(personas, amount_cents=10**9)
    make_contract(personas, budget, rate_model="retainer", currency="GBP", exchange_rate_micros=1_180_000)

    retainer_fees_post(today=TODAY)

    fee = SpendEntry.objects.get()
    assert (fee.amount_cents, fee.original_amount_cents, fee.original_currency) == (59_000, 50_000, "GBP")


def test_the_scheduler_enqueues_the_periodic_jobs_once(personas, time_machine, capsys):
    time_machine.move_to(TODAY)
    budget = make_budget(personas, amount_cents=10**9)
    make_contract(personas, budget, rate_model="retainer")

    call_command("scheduler", "--once", verbosity=2)  # the Immediate backend runs what it enqueues

    assert SpendEntry.objects.filter(kind="retainer_fee").count() == 1
    assert "enqueued retainer_fees_post_task" in capsys.readouterr().out


def test_the_unique_constraint_decides_when_two_runs_race_past_the_pre_check(personas):
    budget = make_budget(personas, amount_cents=10**9)
    make_contract(personas, budget, rate_model="retainer")

    with mock.patch("outsourcer.contracts.jobs._fee_posted", return_value=False):
        assert retainer_fees_post(today=TODAY) == 1
        assert retainer_fees_post(today=TODAY) == 0  # IntegrityError caught, nothing posted

    assert SpendEntry.objects.filter(kind="retainer_fee").count() == 1
