"""`access_task` reads a task with its related rows in one hand-written statement (docs/performance.md):
the same rows as the ORM's select_related, another organization's task a 404."""

import pytest
from django.http import Http404

from outsourcer.accounts.access import access_organization
from outsourcer.testing.work import make_task
from outsourcer.work.access import TASK_RELATED, access_task
from outsourcer.work.models import Task
from outsourcer.work.selectors_checkins import checkin_cadence_for_task
from outsourcer.work.services.checkins import checkin_cadence_set

pytestmark = pytest.mark.django_db


def _values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def _orm(task_id: int) -> Task:
    return Task.objects.select_related(*TASK_RELATED).get(pk=task_id)


def test_it_reads_the_task_and_its_rows_as_the_orm_does(personas, django_assert_num_queries):
    task = make_task(personas)
    checkin_cadence_set(task=task, actor=personas.alice, kind="weekly", weekday=4)
    ctx = access_organization(personas.alice, personas.org.slug, action="task.view")
    expected = _orm(task.pk)
    with django_assert_num_queries(1):
        read = access_task(ctx, task.pk)
        related = [getattr(read, name) for name in ("contract", "contractor", "engagement", "point_of_contact")]
        related += [read.engagement.contractor, read.created_by, checkin_cadence_for_task(task=read)]
        assert read.organization == personas.org
    assert _values(read) == _values(expected)
    for mine, theirs in zip(
        related,
        [expected.contract, expected.contractor, expected.engagement, expected.point_of_contact]
        + [expected.engagement.contractor, expected.created_by, expected.checkin_cadence],
        strict=True,
    ):
        assert _values(mine) == _values(theirs)


def test_a_task_without_contact_or_cadence_reads_none_without_a_query(personas, django_assert_num_queries):
    task = make_task(personas, point_of_contact=None)
    ctx = access_organization(personas.alice, personas.org.slug, action="task.view")
    with django_assert_num_queries(1):
        read = access_task(ctx, task.pk)
        assert read.point_of_contact is None
        assert checkin_cadence_for_task(task=read) is None


def test_another_organizations_task_is_a_404(personas):
    task = make_task(personas)
    ctx = access_organization(personas.oscar, personas.other_org.slug, action="task.view")
    with pytest.raises(Http404):
        access_task(ctx, task.pk)
    with pytest.raises(Http404):
        access_task(ctx, 10**9)


def test_an_id_past_any_row_is_a_404_not_a_500(personas, client):
    client.force_login(personas.alice)
    assert client.get(f"/o/{personas.org.slug}/tasks/{10**20}/").status_code == 404
