"""`task_page_for_contractor` reads a page of the contractor's tasks and their capped count in one
hand-written statement (docs/performance.md): the same tasks, in the same order, as the ORM's
`task_list_for_contractor`, for every status filter, organization, position and offset."""

import pytest

from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.work import insert_tasks, task_contract
from outsourcer.work.models import Task
from outsourcer.work.selectors import ALL, OPEN, task_list_for_contractor, task_page_for_contractor

pytestmark = pytest.mark.django_db


def _values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


STATUSES = ("draft", "sent", "question", "accepted", "in_progress", "submitted", "done", "cancelled", "declined")


@pytest.fixture
def carols_tasks(personas):
    """Carol's tasks at Crumb and at Oscar's, in every status (drafts never sent), interleaved."""
    EngagementFactory(organization=personas.other_org, contractor=personas.carol_contractor)
    oscars = make_contract(personas, make_budget(personas, organization=personas.other_org, amount_cents=10**9))
    for contract in (task_contract(personas), oscars):
        for status in STATUSES:
            insert_tasks(contract, 2, status=status, question="Which sizes?", decline_reason="Too busy")
    # A task cancelled before it was sent, and Dan's work: never in Carol's list.
    insert_tasks(task_contract(personas), 1, status="cancelled")
    return oscars


def _page(personas, **filters):
    pairs, total = task_page_for_contractor(contractor=personas.carol_contractor, count_up_to=1001, **filters)
    return [task.pk for task, _ in pairs], total


@pytest.mark.parametrize("status", [OPEN, ALL, "", *STATUSES])
@pytest.mark.parametrize("in_oscars", [False, True])
def test_a_page_holds_what_the_orm_list_holds(personas, carols_tasks, status, in_oscars, django_assert_max_num_queries):
    organization_id = carols_tasks.organization_id if in_oscars else None
    expected = list(
        task_list_for_contractor(
            contractor=personas.carol_contractor, status=status, organization_id=organization_id
        ).values_list("pk", flat=True)
    )
    with django_assert_max_num_queries(1):
        pairs, total = task_page_for_contractor(
            contractor=personas.carol_contractor,
            status=status,
            organization_id=organization_id,
            limit=100,
            count_up_to=1001,
        )
    assert [task.pk for task, _ in pairs] == expected and total == len(expected)
    orm = {task.pk: task for task in Task.objects.filter(pk__in=expected).select_related("organization")}
    for task, organization in pairs:
        assert organization == orm[task.pk].organization.name
        assert _values(task) == _values(orm[task.pk])
    if expected:
        middle = expected[len(expected) // 2]
        after, _ = _page(personas, status=status, organization_id=organization_id, before_id=middle, limit=3)
        assert after == [pk for pk in expected if pk < middle][:3]
        skipped, total = _page(personas, status=status, organization_id=organization_id, offset=2, limit=2)
        assert skipped == expected[2:4] and total == len(expected)


def test_past_the_end_the_page_is_empty_and_the_count_stays(personas, carols_tasks):
    expected = list(task_list_for_contractor(contractor=personas.carol_contractor).values_list("pk", flat=True))
    assert _page(personas, before_id=min(expected), limit=5) == ([], len(expected))
    assert _page(personas, offset=len(expected), limit=5) == ([], len(expected))


def test_the_count_stops_at_its_cap(personas, carols_tasks):
    open_tasks = task_list_for_contractor(contractor=personas.carol_contractor).count()
    assert open_tasks > 4
    _, total = task_page_for_contractor(contractor=personas.carol_contractor, limit=1, count_up_to=4)
    assert total == 4


def test_a_contractor_without_tasks_gets_an_empty_page(personas, carols_tasks):
    assert task_page_for_contractor(contractor=personas.dan_contractor, limit=25, count_up_to=1001) == ([], 0)
