"""The tasks API: create, patch, send (409 with the findings, then with a reason), the contractor's
answers, milestones, pagination."""

import pytest

from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.testing.work import make_task
from outsourcer.work import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(personas, frozen):
    return make_contract(personas, make_budget(personas, amount_cents=10**9))


def test_it_creates_patches_and_sends_with_an_override(api_as, personas, contract):
    api = api_as(personas.bob)
    response = api.post("/tasks", {"contract_id": contract.pk, "title": "Photos", "goal": "Menu"})
    assert response.status_code == 201, response.json()
    task = response.json()
    assert (task["status"], task["contractor_id"]) == ("draft", personas.carol_contractor.pk)

    response = api.patch(f"/tasks/{task['id']}", {"priority": "high", "point_of_contact_id": personas.alice.pk})
    assert response.status_code == 200 and response.json()["priority"] == "high"

    response = api.post(f"/tasks/{task['id']}/send", {})
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "brief_findings"
    assert "missing_deliverables" in [f["code"] for f in body["details"]["findings"]]

    response = api.post(f"/tasks/{task['id']}/send", {"override_reason": "Agreed on the phone"})
    assert response.status_code == 200
    assert response.json()["brief_override_reason"] == "Agreed on the phone"


def test_a_point_of_contact_outside_the_organization_is_refused(api_as, personas, contract):
    response = api_as(personas.alice).post(
        "/tasks", {"contract_id": contract.pk, "title": "Photos", "point_of_contact_id": personas.oscar.pk}
    )
    assert response.status_code == 422
    assert "point_of_contact_id" in response.json()["errors"]


def test_a_blank_title_is_refused_with_its_field(api_as, personas, contract):
    response = api_as(personas.alice).post("/tasks", {"contract_id": contract.pk, "title": "   "})
    assert response.status_code == 422 and "title" in response.json()["errors"]


def test_an_illegal_transition_answers_400(api_as, personas, contract):
    task = make_task(personas, contract)
    response = api_as(personas.alice).post(f"/tasks/{task.pk}/done")
    assert response.status_code == 400 and response.json()["code"] == "illegal_transition"


def test_the_contractor_asks_and_accepts_through_the_portal(api_as, personas, contract):
    task = services.task_send(task=make_task(personas, contract), actor=personas.alice)
    carol = api_as(personas.carol, portal=True)
    listed = carol.get("/portal/tasks").json()
    assert [t["id"] for t in listed["items"]] == [task.pk]
    assert listed["items"][0]["organization"] == "Crumb & Co."
    assert "brief_override_reason" not in listed["items"][0]

    assert carol.post(f"/portal/tasks/{task.pk}/ask", {"question": "Which dishes?"}).json()["status"] == "question"
    api_as(personas.alice).post(f"/tasks/{task.pk}/answer", {"answer": "The cakes"})
    assert carol.post(f"/portal/tasks/{task.pk}/accept").json()["status"] == "accepted"
    assert api_as(personas.dan, portal=True).get(f"/portal/tasks/{task.pk}").status_code == 404


def test_the_list_pages_with_a_cursor(api_as, personas, contract):
    for i in range(3):
        make_task(personas, contract, title=f"Task {i}")
    api = api_as(personas.vera)
    first = api.get("/tasks", limit=2).json()
    assert [t["title"] for t in first["items"]] == ["Task 2", "Task 1"]
    second = api.get("/tasks", limit=2, cursor=first["next"]).json()
    assert [t["title"] for t in second["items"]] == ["Task 0"] and second["next"] is None


def test_the_portal_list_pages_with_a_cursor_and_shows_what_the_task_shows(api_as, personas, contract):
    for i in range(3):
        services.task_send(task=make_task(personas, contract, title=f"Task {i}"), actor=personas.alice)
    carol = api_as(personas.carol, portal=True)
    first = carol.get("/portal/tasks", limit=2).json()
    assert [t["title"] for t in first["items"]] == ["Task 2", "Task 1"] and first["count"] == 3
    second = carol.get("/portal/tasks", limit=2, cursor=first["next"]).json()
    assert [t["title"] for t in second["items"]] == ["Task 0"] and second["next"] is None
    # A row of the list is the task as its own answer gives it.
    assert second["items"][0] == carol.get(f"/portal/tasks/{second['items'][0]['id']}").json()


def test_milestones_are_listed_and_added(api_as, personas, contract):
    task = make_task(personas, contract)
    api = api_as(personas.alice)
    response = api.post(f"/tasks/{task.pk}/milestones", {"title": "Drafts", "due_on": "2025-03-19"})
    assert response.status_code == 201
    assert [m["title"] for m in api.get(f"/tasks/{task.pk}/milestones").json()["items"]] == ["Drafts"]
    missing = api.post(f"/tasks/{task.pk}/milestones", {"title": "No date"})
    assert missing.status_code == 422 and "due_on" in missing.json()["errors"]
