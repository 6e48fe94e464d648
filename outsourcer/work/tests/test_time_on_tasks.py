"""Time entries may name the task they were spent on: the portal's time form offers the
contractor's taken-on tasks, and the service refuses a task of another contract."""

import pytest
from django.urls import reverse

from outsourcer.contracts.models import TimeEntry
from outsourcer.contracts.services import time_entry_create
from outsourcer.lib.errors import DomainError
from outsourcer.testing.builders import TODAY, make_budget, make_contract
from outsourcer.testing.fixtures import text
from outsourcer.testing.work import make_task
from outsourcer.work import services

pytestmark = pytest.mark.django_db


def _accepted(personas, contract=None, **fields):
    task = services.task_send(task=make_task(personas, contract, **fields), actor=personas.alice)
    return services.task_accept(task=task, contractor=personas.carol_contractor)


def test_the_time_form_offers_her_accepted_tasks_and_saves_the_one_chosen(client, personas, frozen):
    task = _accepted(personas)
    client.force_login(personas.carol)
    assert "Spring menu photos (Tasks)" in text(client.get(reverse("portal:time")))
    response = client.post(
        reverse("portal:time"),
        {"contract": task.contract_id, "worked_on": TODAY.isoformat(), "duration": "1:30", "task": task.pk},
    )
    assert response.status_code == 302
    assert TimeEntry.objects.get().task == task


def test_a_task_of_another_contract_is_refused(personas, frozen):
    task = _accepted(personas)
    other = make_contract(personas, make_budget(personas, name="Other", amount_cents=10**9), title="Other")
    with pytest.raises(DomainError) as caught:
        time_entry_create(contractor=personas.carol_contractor, contract=other, worked_on=TODAY, minutes=60, task=task)
    assert caught.value.field == "task"


def test_without_tasks_the_form_has_no_task_field(client, personas, frozen):
    make_contract(personas, make_budget(personas, amount_cents=10**9))
    client.force_login(personas.carol)
    assert 'name="task"' not in text(client.get(reverse("portal:time")))
