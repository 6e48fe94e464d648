"""Similar work on tasks: POST /api/v1/tasks/similar, and the reason a task needs when it looks
like open work already with another contractor (service and API)."""

import pytest

from outsourcer.audit.models import Event
from outsourcer.lib.errors import OverrideRequired
from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.work import make_task

pytestmark = pytest.mark.django_db
SIMILAR = "/tasks/similar"


@pytest.fixture
def dan_contract(personas):
    EngagementFactory(organization=personas.org, contractor=personas.dan_contractor)
    budget = make_budget(personas, name="Dan's budget", amount_cents=10**9)
    return make_contract(personas, budget, contractor=personas.dan_contractor, title="Dan's tasks")


def test_it_answers_similar_work_most_similar_first(personas, api_as):
    photos = make_task(personas, title="Refresh the shop photos", goal="New photos of every product")
    make_task(personas, title="Shop photos for the spring collection", goal="Seasonal shoot")
    make_task(personas, title="Write the May newsletter")

    response = api_as(personas.bob).post(SIMILAR, {"title": "Retake product pictures for the shop"})

    assert response.status_code == 200
    body = response.json()
    assert body[0] == {
        "id": photos.pk,
        "kind": "task",
        "title": "Refresh the shop photos",
        "contractor": "Carol Contractor",
        "similarity": body[0]["similarity"],
        "duplicate": True,
    }
    assert [row["similarity"] for row in body] == sorted((row["similarity"] for row in body), reverse=True)
    assert "Write the May newsletter" not in [row["title"] for row in body]


def test_it_answers_an_empty_list_when_nothing_is_alike(personas, api_as):
    make_task(personas, title="Write the May newsletter")

    assert api_as(personas.alice).post(SIMILAR, {"title": "Fix the checkout bug", "brief": "iPhone"}).json() == []


def test_it_leaves_out_the_task_being_edited(personas, api_as):
    task = make_task(personas, title="Refresh the shop photos")

    body = api_as(personas.alice).post(SIMILAR, {"title": "Refresh the shop photos", "exclude_task_id": task.pk})
    assert body.json() == []


def test_a_viewer_may_not_ask_and_other_organizations_see_nothing(personas, api_as):
    make_task(personas, title="Refresh the shop photos")

    assert api_as(personas.vera).post(SIMILAR, {"title": "Refresh the shop photos"}).status_code == 403
    assert api_as(personas.oscar).post(SIMILAR, {"title": "Refresh the shop photos"}).json() == []
    assert api_as(personas.carol, portal=True).post(SIMILAR, {"title": "Shop photos"}).status_code == 404


def test_a_title_is_required(personas, api_as):
    response = api_as(personas.alice).post(SIMILAR, {"title": "", "brief": "photos"})

    assert response.status_code == 422
    assert "title" in response.json()["errors"]


def test_a_duplicate_for_another_contractor_needs_a_reason(personas, dan_contract):
    carols = make_task(personas, title="Refresh the shop photos", goal="New photos of every product")

    with pytest.raises(OverrideRequired) as raised:
        make_task(personas, dan_contract, title="Retake the product pictures for the shop")

    assert raised.value.code == "similar_work"
    assert "already with Carol Contractor" in raised.value.message
    assert [match["id"] for match in raised.value.details["matches"]] == [carols.pk]
    assert not dan_contract.tasks.exists()


def test_with_a_reason_it_is_saved_and_recorded_as_an_override(personas, dan_contract):
    make_task(personas, title="Refresh the shop photos")

    task = make_task(personas, dan_contract, title="Retake the shop photos", duplicate_override_reason="Second shop")

    assert task.duplicate_override_reason == "Second shop"
    event = Event.objects.get(action="task_duplicate_overridden", object_id=task.pk)
    assert event.reason == "Second shop"
    assert "Refresh the shop photos" in str(event.after["similar"])


def test_the_same_contractor_needs_no_reason(personas):
    make_task(personas, title="Refresh the shop photos")

    task = make_task(personas, title="Retake the shop photos")

    assert task.duplicate_override_reason == ""
    assert not Event.objects.filter(action="task_duplicate_overridden").exists()


def test_an_edit_into_a_duplicate_needs_a_reason(personas, dan_contract):
    from outsourcer.work import services

    make_task(personas, title="Refresh the shop photos")
    dans = make_task(personas, dan_contract, title="Write the May newsletter")

    with pytest.raises(OverrideRequired):
        services.task_update(task=dans, actor=personas.alice, title="Retake the shop photos")
    dans.refresh_from_db()
    assert dans.title == "Write the May newsletter"
    # A change that leaves the words alone is not judged again.
    services.task_update(task=dans, actor=personas.alice, estimate_minutes=90)


def test_the_api_answers_409_with_the_matches_then_201_with_a_reason(personas, api_as, dan_contract):
    carols = make_task(personas, title="Refresh the shop photos")
    api = api_as(personas.alice)
    payload = {"contract_id": dan_contract.pk, "title": "Retake the shop photos"}

    refused = api.post("/tasks", payload)
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "similar_work"
    assert body["details"]["matches"][0]["id"] == carols.pk
    assert "duplicate_override_reason" in body["errors"]

    created = api.post("/tasks", {**payload, "duplicate_override_reason": "A second shop"})
    assert created.status_code == 201
    assert created.json()["duplicate_override_reason"] == "A second shop"


def test_the_override_reads_as_a_sentence_with_what_it_looked_like():
    from outsourcer.audit.actions import Entry, describe
    from outsourcer.audit.tests.samples_similar import SIMILAR_SAMPLES

    name, before, after = SIMILAR_SAMPLES["task_duplicate_overridden"]
    assert describe("task_duplicate_overridden", Entry(before={}, after=after, object_repr=name, currency="EUR")) == (
        "saved the task “Retake the shop photos” for Dan Contractor although it looks like other work: "
        "Looks like “Refresh the shop photos”, already with Carol Contractor (87 % similar)"
    )
