from datetime import date

import pytest

from outsourcer.contracts.models import TimeEntry
from outsourcer.testing.builders import TODAY, log_time, make_budget, make_contract

pytestmark = pytest.mark.django_db

BIG = 10**9


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY)


def _new(personas, budget, **extra):
    return {"budget_id": budget.pk, "engagement_id": personas.carol_engagement.pk, "title": "Product photos",
            "rate_model": "fixed", "starts_on": "2025-03-01", "total_cents": 200_000,
            "milestones": [{"title": "All", "amount_cents": 200_000, "due_on": "2025-03-31"}], **extra}  # fmt: skip


def test_a_manager_creates_a_draft_with_milestones(personas, api_as):
    budget = make_budget(personas)
    response = api_as(personas.bob).post("/contracts", _new(personas, budget))

    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["budget_name"], body["contractor_name"]) == ("draft", "Social media",
                                                                               "Carol Contractor")  # fmt: skip
    assert [m["amount_cents"] for m in body["milestones"]] == [200_000]


def test_bad_terms_answer_422_per_field(personas, api_as):
    budget = make_budget(personas)
    response = api_as(personas.bob).post("/contracts", _new(personas, budget, rate_model="hourly", currency="USD"))

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"exchange_rate_micros", "hourly_rate_cents", "weekly_cap_minutes"}


def test_a_foreign_engagement_or_budget_is_404(personas, api_as):
    budget = make_budget(personas)
    oscars = make_budget(personas, organization=personas.other_org, actor=personas.oscar)
    bob = api_as(personas.bob)
    assert bob.post("/contracts", _new(personas, budget, engagement_id=personas.dan_engagement.pk)).status_code == 404
    assert bob.post("/contracts", _new(personas, oscars)).status_code == 404


def test_activation_over_budget_answers_409_with_the_numbers(personas, api_as):
    budget = make_budget(personas, amount_cents=80_000)
    contract_id = api_as(personas.bob).post("/contracts", _new(personas, budget)).json()["id"]

    refused = api_as(personas.bob).post(f"/contracts/{contract_id}/activate", {"override_reason": "Need it"})
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "over_budget"
    assert body["detail"].startswith("Product photos would take “Social media” to €2,000.00 of its €800.00")
    assert body["details"]["total_cents"] == 200_000 and body["details"]["fits_cents"] == 80_000
    assert body["details"]["over_cents"] == 120_000 and body["details"]["can_override"] is False

    alice = api_as(personas.alice)
    assert alice.post(f"/contracts/{contract_id}/activate", {}).json()["details"]["can_override"] is True
    done = alice.post(f"/contracts/{contract_id}/activate", {"override_reason": "Launch"})
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["activation_override_reason"]) == ("active", "Launch")


def test_complete_end_and_illegal_moves(personas, api_as):
    contract = make_contract(personas, make_budget(personas, amount_cents=BIG))
    bob = api_as(personas.bob)
    assert bob.post(f"/contracts/{contract.pk}/end").json()["status"] == "ended"
    again = bob.post(f"/contracts/{contract.pk}/complete")
    assert again.status_code == 400 and again.json()["code"] == "illegal_transition"


def test_milestones_are_listed_and_accepted(personas, api_as):
    contract = make_contract(personas, make_budget(personas, amount_cents=BIG), rate_model="fixed")
    bob = api_as(personas.bob)
    milestones = bob.get(f"/contracts/{contract.pk}/milestones").json()
    assert [m["title"] for m in milestones] == ["Draft", "Final"]

    accepted = bob.post(f"/contracts/{contract.pk}/milestones/{milestones[0]['id']}/accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    twice = bob.post(f"/contracts/{contract.pk}/milestones/{milestones[0]['id']}/accept")
    assert twice.status_code == 400 and twice.json()["code"] == "already_accepted"
    other = make_contract(personas, make_budget(personas, name="Other", amount_cents=BIG), rate_model="fixed")
    mixed = bob.post(f"/contracts/{other.pk}/milestones/{milestones[1]['id']}/accept")
    assert mixed.status_code == 404


def test_the_organization_reviews_time(personas, api_as):
    contract = make_contract(personas, make_budget(personas, amount_cents=BIG), weekly_cap_minutes=60)
    first, second = log_time(contract, minutes=60), log_time(contract, minutes=30)
    bob = api_as(personas.bob)

    assert [e["id"] for e in bob.get("/time-entries", status="submitted").json()["items"]] == [second.pk, first.pk]
    approved = bob.post(f"/time-entries/{first.pk}/approve", {})
    assert approved.status_code == 200 and approved.json()["spend_entry_id"]

    capped = bob.post(f"/time-entries/{second.pk}/approve", {"override_reason": "Rush"})
    assert capped.status_code == 409 and capped.json()["code"] == "over_weekly_cap"
    assert (
        api_as(personas.alice)
        .post(f"/time-entries/{second.pk}/approve", {"override_reason": "Rush"})
        .json()["override_reason"]
        == "Rush"
    )


def test_bulk_review_is_all_or_nothing(personas, api_as):
    contract = make_contract(personas, make_budget(personas, amount_cents=BIG), weekly_cap_minutes=90)
    entries = [log_time(contract, minutes=60, worked_on=date(2025, 3, 16 - i)) for i in range(2)]
    bob = api_as(personas.bob)

    refused = bob.post("/time-entries/approve", {"entry_ids": [e.pk for e in entries]})
    assert refused.status_code == 409 and refused.json()["details"]["entry_id"] == entries[0].pk  # the later one
    assert not TimeEntry.objects.filter(status="approved").exists()

    rejected = bob.post("/time-entries/reject", {"entry_ids": [e.pk for e in entries], "reason": "Wrong contract"})
    assert rejected.status_code == 200 and {e["status"] for e in rejected.json()} == {"rejected"}


# --- the contractor's portal ----------------------------------------------------------------------


def test_a_contractor_sees_their_terms_but_nothing_about_the_budget(personas, api_as):
    make_contract(personas, make_budget(personas, amount_cents=BIG), currency="USD", exchange_rate_micros=900_000)
    make_contract(personas, make_budget(personas, name="Draft", amount_cents=BIG), activate=False)

    body = api_as(personas.carol, portal=True).get("/portal/contracts").json()

    assert body["count"] == 1
    contract = body["items"][0]
    assert contract["organization"] == "Crumb & Co." and contract["hourly_rate_cents"] == 6000
    assert contract["currency"] == "USD"
    leaked = {"budget_id", "budget_name", "exchange_rate_micros", "hourly_rate_budget_cents",
              "activation_override_reason", "figures"} & set(contract)  # fmt: skip
    assert leaked == set()
    assert api_as(personas.dan, portal=True).get("/portal/contracts").json()["count"] == 0


def test_a_contractor_logs_and_edits_time_until_reviewed(personas, api_as):
    contract = make_contract(personas, make_budget(personas, amount_cents=BIG))
    carol = api_as(personas.carol, portal=True)

    created = carol.post("/portal/time-entries", {"contract_id": contract.pk, "worked_on": "2025-03-17",
                                                   "minutes": 90, "note": "Shoot"})  # fmt: skip
    assert created.status_code == 201
    entry_id = created.json()["id"]
    assert "override_reason" not in created.json()
    assert carol.patch(f"/portal/time-entries/{entry_id}", {"minutes": 120}).json()["minutes"] == 120

    api_as(personas.bob).post(f"/time-entries/{entry_id}/reject", {"reason": "Not agreed"})
    assert carol.get(f"/portal/time-entries/{entry_id}").json()["rejection_reason"] == "Not agreed"
    corrected = carol.patch(f"/portal/time-entries/{entry_id}", {"minutes": 30})
    assert corrected.status_code == 200
    assert (corrected.json()["status"], corrected.json()["minutes"]) == ("submitted", 30)
    api_as(personas.bob).post(f"/time-entries/{entry_id}/approve")
    locked = carol.patch(f"/portal/time-entries/{entry_id}", {"minutes": 45})
    assert locked.status_code == 400 and locked.json()["code"] == "already_reviewed"

    future = carol.post("/portal/time-entries", {"contract_id": contract.pk, "worked_on": "2025-03-30",
                                                  "minutes": 10})  # fmt: skip
    assert future.status_code == 422 and "worked_on" in future.json()["errors"]
    too_long = carol.post("/portal/time-entries", {"contract_id": contract.pk, "worked_on": "2025-03-17",
                                                    "minutes": 1441})  # fmt: skip
    assert too_long.status_code == 422


def test_a_contractor_cannot_log_on_another_contractors_contract(personas, api_as):
    contract = make_contract(personas, make_budget(personas, amount_cents=BIG))
    dan = api_as(personas.dan, portal=True)
    response = dan.post("/portal/time-entries", {"contract_id": contract.pk, "worked_on": "2025-03-17", "minutes": 5})
    assert response.status_code == 404


def test_a_contractor_deletes_her_submitted_or_rejected_time_but_never_approved(personas, api_as):
    contract = make_contract(personas, make_budget(personas, amount_cents=BIG))
    carol = api_as(personas.carol, portal=True)
    submitted, rejected, approved = (log_time(contract, minutes=m) for m in (30, 40, 50))
    api_as(personas.bob).post(f"/time-entries/{rejected.pk}/reject", {"reason": "Not agreed"})
    api_as(personas.bob).post(f"/time-entries/{approved.pk}/approve")

    assert carol.request("delete", f"/portal/time-entries/{submitted.pk}").status_code == 204
    assert carol.request("delete", f"/portal/time-entries/{rejected.pk}").status_code == 204
    final = carol.request("delete", f"/portal/time-entries/{approved.pk}")
    assert final.status_code == 400 and final.json()["code"] == "already_reviewed"
    assert list(TimeEntry.objects.values_list("pk", flat=True)) == [approved.pk]


def test_another_contractors_entry_cannot_be_deleted(personas, api_as):
    entry = log_time(make_contract(personas, make_budget(personas, amount_cents=BIG)))
    response = api_as(personas.dan, portal=True).request("delete", f"/portal/time-entries/{entry.pk}")
    assert response.status_code == 404
    assert TimeEntry.objects.filter(pk=entry.pk).exists()
