from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.budgets.models import SpendEntry
from outsourcer.contracts.models import TimeEntryStatus
from outsourcer.contracts.services import time_entry_approve
from outsourcer.testing.builders import log_time, make_budget, make_contract
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def contract(personas, frozen):
    budget = make_budget(personas, amount_cents=1_000_000)
    return make_contract(personas, budget)  # Carol, €60/h, cap 20 h a week


@pytest.fixture
def entry(contract):
    return log_time(contract, worked_on=date(2025, 3, 17), minutes=90, note="Spring lookbook")


@pytest.fixture
def full_week(personas, contract):
    """18 h already approved this week: 3 more hours pass the 20 h cap."""
    for day in (10, 11, 12):
        time_entry_approve(entry=log_time(contract, worked_on=date(2025, 3, day), minutes=360), actor=personas.alice)
    return log_time(contract, worked_on=date(2025, 3, 13), minutes=180, note="Overtime")


def test_it_lists_what_waits_for_review(login_as, personas, org_url, contract, entry):
    time_entry_approve(entry=log_time(contract, worked_on=date(2025, 3, 3), minutes=60, note="Old"),
                       actor=personas.alice)  # fmt: skip
    body = text(login_as(personas.bob).get(org_url("contracts:time-review")))
    assert "Spring lookbook" in body and "1 h 30 min" in body
    assert "Old" not in body  # approved: not in the queue
    assert "Approve" in body


def test_it_filters_by_week_contractor_and_status(login_as, personas, org_url, contract, entry):
    log_time(contract, worked_on=date(2025, 3, 5), minutes=45, note="Early March")
    client = login_as(personas.alice)
    url = org_url("contracts:time-review")
    body = text(client.get(url + "?week=2025-W10"))
    assert "Early March" in body and "Spring lookbook" not in body
    other = EngagementFactory(organization=personas.org).contractor
    body = text(client.get(url + f"?contractor={other.pk}"))
    assert "No time matches these filters." in body
    assert "Spring lookbook" in text(client.get(url + "?status="))


def test_it_approves_one_entry_and_returns_to_the_same_filters(login_as, personas, org_url, entry):
    url = org_url("contracts:time-approve", entry_id=entry.pk) + "?week=2025-W12"
    response = login_as(personas.bob).post(url)

    entry.refresh_from_db()
    assert response.status_code == 302
    assert response.url == org_url("contracts:time-review") + "?week=2025-W12"
    assert entry.status == TimeEntryStatus.APPROVED
    assert SpendEntry.objects.get(time_entry=entry).amount_cents == 9_000  # 90 min × €60/h


def test_htmx_swaps_the_row_in_place(login_as, personas, org_url, entry):
    response = login_as(personas.bob).post(org_url("contracts:time-approve", entry_id=entry.pk), headers=HTMX)
    body = text(response)
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<tr id="time-{entry.pk}"')
    assert "status-approved" in body and "Approved." in body
    assert "<html" not in body


def test_rejecting_needs_a_reason(login_as, personas, org_url, entry):
    client = login_as(personas.bob)
    response = client.post(org_url("contracts:time-reject", entry_id=entry.pk), {"reason": ""}, headers=HTMX)
    assert response.status_code == 200
    assert "This field is required." in text(response)

    response = client.post(org_url("contracts:time-reject", entry_id=entry.pk), {"reason": ""})
    assert response.status_code == 400
    assert "not rejected" in text(response)
    entry.refresh_from_db()
    assert entry.status == TimeEntryStatus.SUBMITTED


def test_it_rejects_with_a_reason(login_as, personas, org_url, entry):
    response = login_as(personas.bob).post(
        org_url("contracts:time-reject", entry_id=entry.pk), {"reason": "Not agreed"}, headers=HTMX
    )
    entry.refresh_from_db()
    assert (entry.status, entry.rejection_reason) == (TimeEntryStatus.REJECTED, "Not agreed")
    assert "Not agreed" in text(response)
    assert not SpendEntry.objects.exists()


def test_past_the_weekly_cap_an_owner_may_override_with_a_reason(login_as, personas, org_url, full_week):
    client = login_as(personas.alice)
    url = org_url("contracts:time-approve", entry_id=full_week.pk)

    response = client.post(url, headers=HTMX)
    body = text(response)
    assert "Needs an override." in body and "weekly cap" in body
    assert 'name="override_reason"' in body

    response = client.post(url, {"override_reason": "Launch week", "confirm_override": "on"}, headers=HTMX)
    full_week.refresh_from_db()
    assert (full_week.status, full_week.override_reason) == (TimeEntryStatus.APPROVED, "Launch week")
    assert "Override: Launch week" in text(response)


def test_an_override_without_a_reason_keeps_the_cap_warning(login_as, personas, org_url, full_week):
    url = org_url("contracts:time-approve", entry_id=full_week.pk)
    response = login_as(personas.alice).post(url, {"confirm_override": "on"}, headers=HTMX)

    body = text(response)
    assert "Needs an override." in body and "weekly cap" in body
    assert "Give a reason for the override." in body
    assert 'value="on" class="contrast">Approve over the limit</button>' in body
    assert 'name="confirm_override" id' not in body  # no tick box: the button is the confirmation
    full_week.refresh_from_db()
    assert full_week.status == TimeEntryStatus.SUBMITTED


def test_without_javascript_the_override_is_offered_on_the_page(login_as, personas, org_url, full_week):
    response = login_as(personas.alice).post(org_url("contracts:time-approve", entry_id=full_week.pk))
    body = text(response)
    assert response.status_code == 409
    assert "not approved" in body and 'name="override_reason"' in body


def test_a_manager_cannot_override_the_cap(login_as, personas, org_url, full_week):
    client = login_as(personas.bob)
    url = org_url("contracts:time-approve", entry_id=full_week.pk)
    body = text(client.post(url, headers=HTMX))
    assert "Only an owner can approve this past the limit" in body
    assert 'name="override_reason"' not in body

    client.post(url, {"override_reason": "Launch week", "confirm_override": "on"})
    full_week.refresh_from_db()
    assert full_week.status == TimeEntryStatus.SUBMITTED


def test_it_approves_in_bulk(login_as, personas, org_url, contract, entry):
    second = log_time(contract, worked_on=date(2025, 3, 14), minutes=30)
    response = login_as(personas.bob).post(
        org_url("contracts:time-bulk"), {"action": "approve", "entries": [entry.pk, second.pk]}
    )
    assert response.status_code == 302
    assert set(type(entry).objects.filter(pk__in=[entry.pk, second.pk]).values_list("status", flat=True)) == {
        TimeEntryStatus.APPROVED
    }


def test_bulk_rejection_needs_a_reason_and_keeps_the_ticks(login_as, personas, org_url, entry):
    response = login_as(personas.bob).post(org_url("contracts:time-bulk"), {"action": "reject", "entries": [entry.pk]})
    body = text(response)
    assert response.status_code == 400
    assert "Rejecting needs a reason" in body
    assert f'value="{entry.pk}" form="bulk-form" aria-label' in body and "checked" in body


def test_bulk_approval_is_all_or_nothing_past_the_cap(login_as, personas, org_url, contract, full_week):
    ok = log_time(contract, worked_on=date(2025, 3, 17), minutes=30)
    response = login_as(personas.alice).post(
        org_url("contracts:time-bulk"), {"action": "approve", "entries": [ok.pk, full_week.pk]}
    )
    body = text(response)
    assert response.status_code == 409
    assert f"Time entry #{full_week.pk}" in body and 'name="override_reason"' in body
    ok.refresh_from_db()
    assert ok.status == TimeEntryStatus.SUBMITTED


def test_ticking_nothing_is_explained(login_as, personas, org_url, entry):
    response = login_as(personas.bob).post(org_url("contracts:time-bulk"), {"action": "approve"})
    assert response.status_code == 400
    assert "Tick at least one entry." in text(response)


def test_a_viewer_reads_but_may_not_review(login_as, personas, org_url, entry):
    client = login_as(personas.vera)
    body = text(client.get(org_url("contracts:time-review")))
    assert "Spring lookbook" in body and ">Approve<" not in body
    assert client.post(org_url("contracts:time-approve", entry_id=entry.pk)).status_code == 403


def test_a_contractor_gets_404(login_as, personas, org_url, entry):
    client = login_as(personas.carol)
    assert client.get(org_url("contracts:time-review")).status_code == 404
    assert client.post(org_url("contracts:time-approve", entry_id=entry.pk)).status_code == 404


def test_another_organizations_entry_is_404(login_as, personas, org_url, frozen):
    budget = make_budget(personas, organization=personas.other_org, actor=personas.oscar, name="Oscar's ads")
    foreign_contract = make_contract(personas, budget, contractor=personas.dan_contractor)
    foreign = log_time(foreign_contract, worked_on=date(2025, 3, 14))
    client = login_as(personas.alice)
    assert client.post(org_url("contracts:time-approve", entry_id=foreign.pk)).status_code == 404
    assert client.post(org_url("contracts:time-reject", entry_id=foreign.pk), {"reason": "x"}).status_code == 404
    assert (
        client.post(org_url("contracts:time-bulk"), {"action": "approve", "entries": [foreign.pk]}).status_code == 404
    )
    foreign.refresh_from_db()
    assert foreign.status == TimeEntryStatus.SUBMITTED


@pytest.mark.parametrize("name", ["contracts:time-approve", "contracts:time-reject"])
def test_reviews_refuse_get(login_as, personas, org_url, entry, name):
    assert login_as(personas.alice).get(org_url(name, entry_id=entry.pk)).status_code == 405


def test_its_query_count_does_not_grow_with_the_entries(login_as, personas, org_url, contract, entry):
    client = login_as(personas.alice)
    url = org_url("contracts:time-review") + "?status="
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for day in range(1, 17):
        time_entry_approve(entry=log_time(contract, worked_on=date(2025, 2, day), minutes=30), actor=personas.bob)
        log_time(contract, worked_on=date(2025, 3, day), minutes=20)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert text(response).count('class="time-row') == 25
    assert len(many) == len(few)


def test_past_a_thousand_entries_it_counts_no_further(login_as, personas, org_url, contract, monkeypatch):
    from outsourcer.contracts import time_views
    from outsourcer.lib import pagination

    monkeypatch.setattr(pagination, "COUNT_CAP", 2)
    monkeypatch.setattr(time_views, "PAGE_SIZE", 1)
    for day in (3, 4, 5, 6):
        log_time(contract, worked_on=date(2025, 3, day))
    client = login_as(personas.alice)

    body = text(client.get(org_url("contracts:time-review")))

    assert "2+ entries" in body
    assert "Page 1</span>" in body and "Next" in body
    fourth = text(client.get(org_url("contracts:time-review") + "?page=4"))
    assert "Page 4</span>" in fourth and "Next" not in fourth and "Previous" in fourth
