from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command

from outsourcer.accounts.roles import Role
from outsourcer.accounts.services import membership_budget_alerts_set
from outsourcer.audit.models import Event
from outsourcer.budgets.jobs import budget_alert_recipients, budget_alerts_run, budget_alerts_sweep_run
from outsourcer.budgets.models import BudgetAlert
from outsourcer.budgets.services import budget_update, expense_record
from outsourcer.contracts.services import time_entry_approve
from outsourcer.notifications.models import Notification
from outsourcer.testing.builders import NOW, TODAY, log_time, make_budget, make_contract
from outsourcer.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def _budgets_made_on_today(time_machine):
    # The spend below falls on the builders' TODAY: the budgets are made that day too, or their
    # periods would have ended before their alert rule existed (and are never alerted).
    time_machine.move_to(NOW)


def _spend(budget, actor, cents, day=TODAY):
    return expense_record(budget=budget, actor=actor, amount_cents=cents, occurred_on=day, description="x")


def test_crossing_a_threshold_notifies_each_owner_once_in_app_and_by_email(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    budget = make_budget(personas, amount_cents=10_000)
    with django_capture_on_commit_callbacks(execute=True):
        _spend(budget, personas.bob, 4_999)
    assert Notification.objects.count() == 0 and mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        _spend(budget, personas.bob, 1)

    notification = Notification.objects.get()
    assert notification.user == personas.alice and notification.kind == "budget_alert"
    assert "“Social media” has used 50 % of its budget" in notification.message
    assert notification.url == f"/o/crumb/budgets/{budget.pk}/"
    assert [m.to for m in mailoutbox] == [["alice@crumb.example"]]
    assert mailoutbox[0].subject == "Budget alert: Social media at 50 %"
    assert list(BudgetAlert.objects.values_list("threshold", flat=True)) == [50]

    with django_capture_on_commit_callbacks(execute=True):
        _spend(budget, personas.bob, 1)  # still between 50 and 80: nothing new
    assert Notification.objects.count() == 1 and len(mailoutbox) == 1


def test_a_jump_over_several_thresholds_sends_one_alert_naming_the_highest(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    budget = make_budget(personas, amount_cents=10_000)
    _spend(budget, personas.bob, 12_000)

    with django_capture_on_commit_callbacks(execute=True):
        assert budget_alerts_run(budget=budget, period_start=TODAY) == [50, 80, 100]
        assert budget_alerts_run(budget=budget, period_start=TODAY) == []
    assert Notification.objects.count() == 1 and len(mailoutbox) == 1
    assert "(alert at 100 %)" in mailoutbox[0].body
    assert Event.objects.get(action="budget_alert_sent").after["thresholds"] == [50, 80, 100]


def test_alerts_go_to_every_owner_and_only_owners(personas, mailoutbox, django_capture_on_commit_callbacks):
    second_owner = MembershipFactory(organization=personas.org, role=Role.OWNER).user
    budget = make_budget(personas, amount_cents=100)
    _spend(budget, personas.bob, 100)

    with django_capture_on_commit_callbacks(execute=True):
        budget_alerts_run(budget=budget, period_start=TODAY)

    assert set(Notification.objects.values_list("user", flat=True)) == {personas.alice.pk, second_owner.pk}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([personas.alice.email, second_owner.email])


def test_each_period_alerts_afresh(personas, time_machine):
    time_machine.move_to(datetime(2025, 1, 2, 9, 0, tzinfo=UTC))
    budget = make_budget(personas, amount_cents=100)
    time_machine.move_to(NOW)
    _spend(budget, personas.bob, 100, date(2025, 2, 10))
    _spend(budget, personas.bob, 100, TODAY)

    assert budget_alerts_run(budget=budget, period_start=date(2025, 2, 1)) == [50, 80, 100]
    assert budget_alerts_run(budget=budget, period_start=TODAY) == [50, 80, 100]
    assert BudgetAlert.objects.count() == 6


def test_the_sweep_catches_budgets_at_their_thresholds(personas, time_machine):
    time_machine.move_to(TODAY)
    over = make_budget(personas, name="Over", amount_cents=100)
    make_budget(personas, name="Calm", amount_cents=100)
    _spend(over, personas.bob, 80)

    assert budget_alerts_sweep_run() == 2  # 50 and 80
    assert budget_alerts_sweep_run() == 0


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_alert_once(personas, settings, mailoutbox):
    """The real path: approval commits → task enqueued in the database → `db_worker --batch`."""
    settings.TASKS = DB_TASKS
    budget = make_budget(personas, amount_cents=10_000)
    contract = make_contract(personas, budget, weekly_cap_minutes=6000)
    entry = log_time(contract, minutes=60)  # 60 € of 100 €

    from django_tasks_db.models import DBTaskResult

    time_entry_approve(entry=entry, actor=personas.bob)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    alerts = Notification.objects.filter(kind="budget_alert")
    assert not alerts.exists()  # nothing happens until the worker runs

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    # Alice owns the organization; Bob runs the contract (he reviewed its time).
    assert sorted(alerts.values_list("user__email", flat=True)) == [personas.alice.email, personas.bob.email]
    alert_mails = [m for m in mailoutbox if m.subject.startswith("Budget alert")]
    assert len(alert_mails) == 2
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1

    time_entry_approve(entry=log_time(contract, minutes=1), actor=personas.bob)  # 61 %: no new threshold
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert alerts.count() == 2
    assert len([m for m in mailoutbox if m.subject.startswith("Budget alert")]) == 2


def test_no_alerts_for_periods_that_ended_before_the_budget_existed(personas, time_machine):
    """A new organization on 3 December enters a budget that started on 1 September and records
    what it spent since: September to November are history, not news."""
    time_machine.move_to(datetime(2025, 12, 3, 10, 0, tzinfo=UTC))
    budget = make_budget(personas, amount_cents=100, starts_on=date(2025, 9, 1))
    for month in (9, 10, 11, 12):
        _spend(budget, personas.alice, 100, date(2025, month, 2))

    assert [budget_alerts_run(budget=budget, period_start=date(2025, m, 1)) for m in (9, 10, 11)] == [[], [], []]
    assert budget_alerts_run(budget=budget, period_start=date(2025, 12, 1)) == [50, 80, 100]
    assert list(BudgetAlert.objects.values_list("period_start", flat=True).distinct()) == [date(2025, 12, 1)]
    assert Notification.objects.filter(kind="budget_alert").count() == 1


def test_new_thresholds_do_not_alert_periods_that_had_already_ended(personas, time_machine):
    time_machine.move_to(datetime(2025, 1, 2, 9, 0, tzinfo=UTC))
    budget = make_budget(personas, amount_cents=100, thresholds=[90])
    _spend(budget, personas.bob, 60, date(2025, 2, 10))
    time_machine.move_to(NOW)
    _spend(budget, personas.bob, 60, TODAY)
    budget = budget_update(
        budget=budget,
        actor=personas.alice,
        name=budget.name,
        period=budget.period,
        starts_on=budget.starts_on,
        amount_cents=budget.amount_cents,
        currency=budget.currency,
        thresholds=[50],
    )

    assert budget_alerts_run(budget=budget, period_start=date(2025, 2, 1)) == []  # February was over
    assert budget_alerts_run(budget=budget, period_start=TODAY) == [50]  # March is still running


def test_managers_who_run_the_budgets_contracts_get_its_alerts_unless_they_turned_them_off(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    budget = make_budget(personas, amount_cents=10_000)
    contract = make_contract(personas, budget, weekly_cap_minutes=6000)  # made by Alice
    other_manager = MembershipFactory(organization=personas.org, role=Role.MANAGER).user
    assert list(budget_alert_recipients(budget=budget).values_list("user", flat=True)) == [personas.alice.pk]

    time_entry_approve(entry=log_time(contract, minutes=10), actor=personas.bob)  # Bob runs the contract now
    recipients = budget_alert_recipients(budget=budget).values_list("user", flat=True)
    assert sorted(recipients) == sorted([personas.alice.pk, personas.bob.pk])
    assert other_manager.pk not in recipients and personas.vera.pk not in recipients

    membership_budget_alerts_set(user=personas.bob, enabled_ids=set())
    _spend(budget, personas.alice, 9_000)
    with django_capture_on_commit_callbacks(execute=True):
        budget_alerts_run(budget=budget, period_start=TODAY)
    assert list(Notification.objects.filter(kind="budget_alert").values_list("user", flat=True)) == [personas.alice.pk]
    assert [m.to for m in mailoutbox if m.subject.startswith("Budget alert")] == [[personas.alice.email]]
