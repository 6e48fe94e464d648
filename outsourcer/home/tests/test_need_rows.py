"""The home's sections read in one UNION (home/need_rows.py): each section keeps its selector's
order and its first rows, whatever the other sections hold."""

from datetime import timedelta

import pytest
from django.urls import reverse

from outsourcer.testing.builders import NOW
from outsourcer.testing.work import insert_tasks, task_contract

URL = reverse("orgs:home", args=["crumb"])

pytestmark = pytest.mark.django_db


def _links(response, key: str) -> list[str]:
    section = next(section for section in response.context["needs"] if section.key == key)
    return [item.url for item in section.items]


def test_each_section_keeps_its_own_order_and_first_ten(login_as, personas, frozen):
    contract = task_contract(personas)
    # Questions come oldest first (by id); overdue tasks the longest overdue first (by deadline),
    # here the reverse of their ids.
    questions = insert_tasks(
        contract, 12, status="question", question="Which size?", deadline_at=NOW + timedelta(days=3)
    )
    late = insert_tasks(contract, 12, status="in_progress", accepted_at=NOW)
    for days, task in enumerate(late, start=1):
        task.deadline_at = NOW - timedelta(days=days)
        task.save(update_fields=["deadline_at"])
    client = login_as(personas.alice)

    response = client.get(URL)

    task_url = lambda task: reverse("tasks:detail", args=["crumb", task.pk])  # noqa: E731
    assert _links(response, "questions") == [task_url(task) + "#question-head" for task in questions[:10]]
    assert _links(response, "overdue") == [task_url(task) for task in reversed(late[2:])]
