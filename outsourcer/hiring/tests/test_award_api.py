from datetime import timedelta

import pytest

from outsourcer.audit.models import Event
from outsourcer.contracts.models import Contract
from outsourcer.hiring.models import VettingPolicy
from outsourcer.testing.builders import TODAY
from outsourcer.testing.hiring import insert_bid, insert_job, insert_vetting, second_bidder

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(personas, frozen):
    return insert_job(personas)


@pytest.fixture
def bid(personas, job):
    return insert_bid(job, personas.carol_engagement)


def _path(bid):
    return f"/hiring/jobs/{bid.job_id}/bids/{bid.pk}/award"


def test_it_awards_a_bid(personas, api_as, job, bid):
    insert_vetting(personas, personas.carol_engagement)
    erin = insert_bid(job, second_bidder(personas))
    fay = insert_bid(job, second_bidder(personas, name="Fay Bidder"))
    response = api_as(personas.bob).post(_path(bid), {"others": {str(fay.pk): "alternate"}, "message": "Thanks!"})
    body = response.json()
    assert response.status_code == 200, body
    contract = Contract.objects.get()
    assert body == {
        "job_id": job.pk,
        "bid_id": bid.pk,
        "contract_id": contract.pk,
        "contract_status": "active",
        "job_status": "awarded",
        "bid_status": "awarded",
        "vetting_overridden": False,
        "declined": [erin.pk],
        "alternates": [fay.pk],
    }


def test_an_unvetted_contractor_answers_409_with_what_is_missing(personas, api_as, bid):
    response = api_as(personas.bob).post(_path(bid), {"override_reason": "Trust me"})
    body = response.json()
    assert response.status_code == 409
    assert body["code"] == "vetting_required"
    assert body["details"]["missing"] == ["1 interview with a scorecard", "2 references received"]
    assert body["details"]["can_override"] is False
    assert body["errors"] == {"override_reason": body["detail"]}

    response = api_as(personas.alice).post(_path(bid), {"override_reason": "Worked with her for years"})
    assert response.status_code == 200
    assert response.json()["vetting_overridden"] is True
    assert Event.objects.get(action="bid_awarded_unvetted").reason == "Worked with her for years"


def test_over_budget_answers_409_until_an_owner_gives_the_budget_reason(personas, api_as, job):
    insert_vetting(personas, personas.carol_engagement)
    bid = insert_bid(job, personas.carol_engagement, total_cents=1_500_000, finishes_on=TODAY + timedelta(days=10))
    response = api_as(personas.bob).post(_path(bid), {"budget_override_reason": "Launch"})
    assert response.status_code == 409
    assert response.json()["code"] == "over_budget"
    assert response.json()["errors"].keys() == {"budget_override_reason"}
    assert response.json()["details"]["over_cents"] == 500_000

    response = api_as(personas.alice).post(_path(bid), {"budget_override_reason": "Launch"})
    assert response.status_code == 200


def test_a_job_already_awarded_answers_409(personas, api_as, job, bid):
    insert_vetting(personas, personas.carol_engagement)
    erin = insert_bid(job, second_bidder(personas))
    api = api_as(personas.alice)
    assert api.post(_path(bid), {"mode": "keep_alternates"}).status_code == 200
    response = api.post(_path(erin), {"override_reason": "Changed my mind"})
    assert response.status_code == 409
    assert response.json()["code"] == "already_awarded"


@pytest.mark.parametrize(
    "payload",
    [
        {"mode": "everyone"},
        {"others": {"1": "maybe"}},
        {"message": "x" * 2001},
        {"override_reason": "nul\x00"},
        {"starts_on": "1999-01-01"},
        {"weekly_cap_minutes": 10_081},
    ],
)
def test_invalid_input_answers_422(personas, api_as, bid, payload):
    response = api_as(personas.alice).post(_path(bid), payload)
    assert response.status_code == 422, response.json()
    assert not Contract.objects.exists()


def test_dates_that_do_not_fit_answer_422_next_to_the_field(personas, api_as, bid):
    insert_vetting(personas, personas.carol_engagement)
    response = api_as(personas.alice).post(_path(bid), {"starts_on": "2025-05-01", "ends_on": "2025-04-01"})
    assert response.status_code == 422
    assert response.json()["errors"].keys() == {"ends_on"}
    response = api_as(personas.alice).post(_path(bid), {"others": {str(bid.pk): "decline"}})
    assert response.status_code == 422
    assert response.json()["errors"].keys() == {"others"}


def test_roles_and_foreign_bids(personas, api_as, job, bid):
    assert api_as(personas.vera).post(_path(bid), {}).status_code == 403
    assert api_as(personas.oscar).post(_path(bid), {}).status_code == 404
    assert api_as(personas.carol, portal=True).post(_path(bid), {}).status_code == 404
    other_job = insert_job(personas, budget=job.budget)
    path = f"/hiring/jobs/{other_job.pk}/bids/{bid.pk}/award"
    assert api_as(personas.alice).post(path, {}).status_code == 404


def test_the_vetting_policy_is_read_by_members_and_changed_by_owners(personas, api_as):
    assert api_as(personas.vera).get("/hiring/vetting-policy").json() == {
        "min_interviews": 1,
        "min_references": 2,
        "require_company_checks": False,
        "is_default": True,
    }
    policy = {"min_interviews": 2, "min_references": 1, "require_company_checks": True}
    assert api_as(personas.bob).request("put", "/hiring/vetting-policy", policy).status_code == 403
    response = api_as(personas.alice).request("put", "/hiring/vetting-policy", policy)
    assert response.status_code == 200
    assert response.json() == {**policy, "is_default": False}
    assert VettingPolicy.objects.get(organization=personas.org).min_interviews == 2
    bad = api_as(personas.alice).request("put", "/hiring/vetting-policy", {**policy, "min_references": 11})
    assert bad.status_code == 422
    assert api_as(personas.oscar).get("/hiring/vetting-policy").json()["is_default"] is True
