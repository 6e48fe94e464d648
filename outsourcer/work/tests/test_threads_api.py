"""A task's thread in the API: the organization lists (held ones with their arrival), posts and
marks read; the contractor sees a held message only once it is due; another contractor gets 404."""

from datetime import UTC, datetime

import pytest

from outsourcer.testing.work import make_task
from outsourcer.work import services

pytestmark = pytest.mark.django_db

MONDAY_NIGHT = datetime(2025, 3, 17, 2, 0, tzinfo=UTC)


@pytest.fixture
def task(personas, frozen):
    return services.task_send(task=make_task(personas), actor=personas.alice)


def test_a_held_message_through_the_api(api_as, personas, task, time_machine):
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    bob, carol = api_as(personas.bob), api_as(personas.carol, portal=True)

    response = bob.post(f"/tasks/{task.pk}/messages", {"body": "Which dishes first?"})
    assert response.status_code == 201, response.json()
    posted = response.json()
    assert posted["held"] and posted["deliver_at"] == "2025-03-17T09:00:00Z"
    assert posted["arrival"] == "reaches Carol at 09:00 their time (in 7 h)"
    assert carol.get(f"/portal/tasks/{task.pk}/messages").json()["items"] == []

    time_machine.move_to(datetime(2025, 3, 17, 9, 0, tzinfo=UTC), tick=False)
    items = carol.get(f"/portal/tasks/{task.pk}/messages").json()["items"]
    assert [(m["body"], m["held"], m["author_name"]) for m in items] == [("Which dishes first?", False, "Bob Manager")]
    assert carol.post(f"/portal/tasks/{task.pk}/messages/read").json() == {"marked": 1}

    response = carol.post(f"/portal/tasks/{task.pk}/messages", {"body": "The cakes?", "urgent": True})
    assert response.status_code == 201 and response.json()["urgent"] is False
    listed = bob.get(f"/tasks/{task.pk}/messages").json()
    assert [m["body"] for m in listed["items"]] == ["Which dishes first?", "The cakes?"] and listed["count"] == 2
    assert bob.post(f"/tasks/{task.pk}/messages/read").json() == {"marked": 1}


def test_urgent_through_the_api_goes_now(api_as, personas, task, time_machine):
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    response = api_as(personas.alice).post(f"/tasks/{task.pk}/messages", {"body": "Stop", "urgent": True})
    assert response.json()["held"] is False and response.json()["arrival"] is None
    assert len(api_as(personas.carol, portal=True).get(f"/portal/tasks/{task.pk}/messages").json()["items"]) == 1


def test_nobody_else_reaches_the_thread(api_as, personas, task):
    assert api_as(personas.dan, portal=True).get(f"/portal/tasks/{task.pk}/messages").status_code == 404
    assert api_as(personas.oscar).get(f"/tasks/{task.pk}/messages").status_code == 404
    assert api_as(personas.vera).post(f"/tasks/{task.pk}/messages", {"body": "Hi"}).status_code == 403


def test_bad_input_is_refused_without_a_500(api_as, personas, frozen):
    alice = api_as(personas.alice)
    draft = make_task(personas)
    response = alice.post(f"/tasks/{draft.pk}/messages", {"body": "Hi"})
    assert response.status_code == 400 and "Send the task first" in str(response.json())
    assert alice.post(f"/tasks/{draft.pk}/messages", {"body": ""}).status_code == 422
    assert alice.post(f"/tasks/{draft.pk}/messages", {"body": "x" * 5001}).status_code == 422
