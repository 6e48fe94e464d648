"""The task pages' query budget (docs/performance.md, issue 12 §10): each list page, API list, task
page and the owner's home page sends as many queries with 1,000 tasks as with 10, and at most 12."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.testing.builders import NOW
from outsourcer.testing.work import insert_tasks, make_task
from outsourcer.work import services
from outsourcer.work.models import TaskMilestone

pytestmark = pytest.mark.django_db
QUERY_BUDGET = 12


def _queries(client, url: str, headers: dict | None = None) -> int:
    client.get(url, headers=headers or {})  # the first view of a page may set a cookie
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.fixture
def signed_in(client, personas):
    from django.test import Client

    carol = Client()
    carol.force_login(personas.carol)
    client.force_login(personas.alice)
    return client, carol


def test_the_task_lists_send_as_many_queries_for_1000_tasks_as_for_10(signed_in, personas, api_as, frozen):
    owner, carol = signed_in
    contract = services.task_send(task=make_task(personas), actor=personas.alice).contract
    insert_tasks(contract, 9)
    org = personas.org.slug
    owner_api, carol_api = api_as(personas.alice), api_as(personas.carol, portal=True)
    lists = [
        (owner, reverse("tasks:list", args=[org]), None),
        (owner, reverse("tasks:list", args=[org]) + "?status=all", None),
        (owner, reverse("tasks:list", args=[org]) + "?status=sent", {"HX-Request": "true"}),
        (owner, reverse("orgs:home", args=[org]), None),
        (carol, reverse("tasks-portal:list"), None),
        (carol, reverse("tasks-portal:list") + "?status=all", {"HX-Request": "true"}),
        (owner_api, "/tasks", None),
        (carol_api, "/portal/tasks", None),
    ]
    ten = [_queries(client, url, headers) for client, url, headers in lists]
    insert_tasks(contract, 990)
    thousand = [_queries(client, url, headers) for client, url, headers in lists]

    assert ten == thousand
    assert max(thousand) <= QUERY_BUDGET
    # Past the count's cap the list says so, from the same queries.
    assert "1,000 tasks" in owner.get(reverse("tasks:list", args=[org])).content.decode()
    assert carol_api.get("/portal/tasks").json()["count"] == 1000


def test_a_task_page_sends_as_many_queries_for_30_milestones_and_messages_as_for_one(signed_in, personas, frozen):
    owner, carol = signed_in
    task = services.task_send(task=make_task(personas), actor=personas.alice)

    def add(n: int) -> None:
        TaskMilestone.objects.bulk_create(
            TaskMilestone(organization=task.organization, task=task, title=f"Step {i}", due_on=NOW.date())
            for i in range(n)
        )
        for i in range(n):
            services.message_post(task=task, actor=personas.alice, body=f"Note {i}", from_contractor=False)
            services.message_post(task=task, actor=personas.carol, body=f"Reply {i}", from_contractor=True)

    pages = [
        (owner, reverse("tasks:detail", args=[personas.org.slug, task.pk])),
        (carol, reverse("tasks-portal:detail", args=[task.pk])),
    ]
    add(1)
    one = [_queries(client, url) for client, url in pages]
    add(29)
    many = [_queries(client, url) for client, url in pages]

    assert one == many
    assert max(many) <= QUERY_BUDGET
