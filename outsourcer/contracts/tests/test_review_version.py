"""An approval binds to what the reviewer saw (docs/security.md): the review page and the API
carry the entry's version, and a review of an entry edited since is refused (409) with nothing
posted to the ledger."""

import re

import pytest
from django.urls import reverse

from outsourcer.budgets.models import SpendEntry
from outsourcer.contracts.models import TimeEntryStatus
from outsourcer.testing.builders import log_time, make_budget, make_contract

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(personas):
    return log_time(make_contract(personas, make_budget(personas)), minutes=30)


def _contractor_makes_it_390(personas, api_as, entry):
    response = api_as(personas.carol, portal=True).patch(f"/portal/time-entries/{entry.pk}", {"minutes": 390})
    assert response.status_code == 200


def _version_on_page(client, personas, entry) -> str:
    page = client.get(reverse("contracts:time-review", args=[personas.org.slug])).content.decode()
    assert "30 min" in page
    return re.search(rf'name="version-{entry.pk}" value="(\d+)"', page).group(1)


def test_the_page_refuses_an_approval_of_an_entry_edited_since_it_was_shown(personas, api_as, client, entry):
    client.force_login(personas.alice)
    version = _version_on_page(client, personas, entry)
    _contractor_makes_it_390(personas, api_as, entry)

    url = reverse("contracts:time-approve", args=[personas.org.slug, entry.pk])
    response = client.post(url, {"version": version})

    assert response.status_code == 409
    assert "changed since you opened the page (now 6:30 h)" in response.content.decode()
    assert SpendEntry.objects.count() == 0
    entry.refresh_from_db()
    assert entry.status == TimeEntryStatus.SUBMITTED


def test_the_page_approves_once_the_reviewer_has_seen_the_new_minutes(personas, api_as, client, entry):
    client.force_login(personas.alice)
    _contractor_makes_it_390(personas, api_as, entry)
    page = client.get(reverse("contracts:time-review", args=[personas.org.slug])).content.decode()
    version = re.search(rf'name="version-{entry.pk}" value="(\d+)"', page).group(1)

    response = client.post(reverse("contracts:time-approve", args=[personas.org.slug, entry.pk]), {"version": version})

    assert response.status_code == 302
    assert SpendEntry.objects.get().amount_cents == 39_000  # 6.5 h × 60.00


def test_the_page_refuses_a_stale_bulk_approval_and_a_stale_rejection(personas, api_as, client, entry):
    client.force_login(personas.alice)
    version = _version_on_page(client, personas, entry)
    _contractor_makes_it_390(personas, api_as, entry)

    bulk = client.post(
        reverse("contracts:time-bulk", args=[personas.org.slug]),
        {"action": "approve", "entries": [entry.pk], f"version-{entry.pk}": version},
    )
    reject = client.post(
        reverse("contracts:time-reject", args=[personas.org.slug, entry.pk]), {"reason": "No", "version": version}
    )

    assert (bulk.status_code, reject.status_code) == (409, 409)
    assert "changed since you opened the page" in bulk.content.decode()
    assert SpendEntry.objects.count() == 0
    entry.refresh_from_db()
    assert entry.status == TimeEntryStatus.SUBMITTED


def test_the_api_refuses_a_stale_approval_with_409(personas, api_as, entry):
    api = api_as(personas.alice)
    seen = api.get(f"/time-entries/{entry.pk}").json()
    assert seen["minutes"] == 30
    _contractor_makes_it_390(personas, api_as, entry)

    single = api.post(f"/time-entries/{entry.pk}/approve", {"version": seen["version"]})
    bulk = api.post("/time-entries/approve", {"entry_ids": [entry.pk], "versions": {str(entry.pk): seen["version"]}})
    reject = api.post(f"/time-entries/{entry.pk}/reject", {"reason": "No", "version": seen["version"]})

    assert (single.status_code, bulk.status_code, reject.status_code) == (409, 409, 409)
    assert single.json()["code"] == "changed"
    assert SpendEntry.objects.count() == 0


def test_the_api_approves_with_the_current_version(personas, api_as, entry):
    api = api_as(personas.alice)
    _contractor_makes_it_390(personas, api_as, entry)
    current = api.get(f"/time-entries/{entry.pk}").json()

    response = api.post(f"/time-entries/{entry.pk}/approve", {"version": current["version"]})

    assert response.status_code == 200
    assert response.json()["minutes"] == 390
