"""The portal time page after review: correcting a rejected entry resubmits it, deleting what is not
approved, and the preview of what a typed duration means."""

from datetime import date

import pytest
from django.urls import reverse

from outsourcer.audit.models import Event
from outsourcer.contracts import services
from outsourcer.contracts.models import TimeEntry, TimeEntryStatus
from outsourcer.lib.errors import DomainError
from outsourcer.testing.builders import log_time, make_budget, make_contract
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 3)


@pytest.fixture
def contract(personas, frozen):
    return make_contract(personas, make_budget(personas, amount_cents=1_000_000), title="Weekly product photos")


@pytest.fixture
def rejected(personas, contract):
    entry = log_time(contract, worked_on=DAY, minutes=60, note="Too much")
    return services.time_entry_reject(entry=entry, actor=personas.alice, reason="Not agreed")


def _edit(entry):
    return reverse("portal:time-edit", args=[entry.pk])


def _delete(entry):
    return reverse("portal:time-delete", args=[entry.pk])


def test_the_service_resubmits_a_corrected_rejected_entry_and_records_it(personas, rejected):
    entry = services.time_entry_update(
        entry=rejected, contractor=personas.carol_contractor, worked_on=DAY, minutes=45, note="Corrected"
    )
    assert (entry.status, entry.minutes, entry.reviewed_at, entry.rejection_reason) == (
        TimeEntryStatus.SUBMITTED, 45, None, "",
    )  # fmt: skip
    event = Event.objects.get(action="time_entry_resubmitted")
    assert event.before["status"] == "rejected" and event.after["status"] == "submitted"


def test_the_service_deletes_submitted_and_rejected_entries_but_not_approved_ones(personas, contract, rejected):
    submitted = log_time(contract, worked_on=DAY, minutes=30)
    approved = services.time_entry_approve(entry=log_time(contract, worked_on=DAY, minutes=20), actor=personas.alice)
    services.time_entry_delete(entry=submitted, contractor=personas.carol_contractor)
    services.time_entry_delete(entry=rejected, contractor=personas.carol_contractor)
    with pytest.raises(DomainError, match="already been reviewed"):
        services.time_entry_delete(entry=approved, contractor=personas.carol_contractor)
    with pytest.raises(DomainError):
        services.time_entry_delete(entry=approved, contractor=personas.dan_contractor)
    assert list(TimeEntry.objects.values_list("pk", flat=True)) == [approved.pk]
    assert Event.objects.filter(action="time_entry_deleted").count() == 2


def test_she_corrects_a_rejected_entry_and_it_is_submitted_again(login_as, personas, rejected):
    client = login_as(personas.carol)
    page = text(client.get(_edit(rejected)))
    assert "Rejected on" in page and "Not agreed" in page and "Delete this entry" in page

    response = client.post(_edit(rejected), {"worked_on": "2025-03-03", "duration": "1,5", "note": "Fixed"})
    rejected.refresh_from_db()
    assert response.status_code == 302
    assert (rejected.status, rejected.minutes) == (TimeEntryStatus.SUBMITTED, 90)
    assert "saved and submitted again for review: 1 h 30 min" in text(client.get(reverse("portal:time")))


def test_a_bad_correction_is_explained_next_to_the_field(login_as, personas, rejected):
    response = login_as(personas.carol).post(_edit(rejected), {"worked_on": "2025-03-03", "duration": "soon"})
    body = text(response)
    assert response.status_code == 400
    wrapper = body[body.index('for="id_duration"') :]
    assert "Write hours such as 2, 1.5 or 1:30" in wrapper[: wrapper.index("</div>")]
    rejected.refresh_from_db()
    assert rejected.status == TimeEntryStatus.REJECTED


def test_she_deletes_a_rejected_entry_from_the_time_page(login_as, personas, rejected):
    client = login_as(personas.carol)
    assert f'action="{_delete(rejected)}"' in text(client.get(reverse("portal:time") + "?month=2025-03"))
    response = client.post(_delete(rejected))
    assert response.status_code == 302 and response.url == reverse("portal:time")
    assert not TimeEntry.objects.exists()
    assert "Deleted 1 h on 03 Mar 2025." in text(client.get(reverse("portal:time")))


def test_approved_time_cannot_be_deleted(login_as, personas, contract):
    entry = services.time_entry_approve(entry=log_time(contract, worked_on=DAY), actor=personas.alice)
    client = login_as(personas.carol)
    response = client.post(_delete(entry), follow=True)
    assert "already been reviewed" in text(response)
    assert TimeEntry.objects.filter(pk=entry.pk).exists()


def test_delete_is_post_only_and_only_for_her_own_entries(login_as, personas, rejected):
    assert login_as(personas.carol).get(_delete(rejected)).status_code == 405
    assert login_as(personas.dan).post(_delete(rejected)).status_code == 404
    assert login_as(personas.alice).post(_delete(rejected)).status_code == 404
    assert TimeEntry.objects.filter(pk=rejected.pk).exists()


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("1,5", "Understood: 1 h 30 min"),
        ("2h 15m", "Understood: 2 h 15 min"),
        ("90m", "Understood: 1 h 30 min"),
        ("90", "Between 1 minute and 24 hours."),
        ("soon", "Write hours such as 2, 1.5 or 1:30"),
        ("", ""),
    ],
)
def test_the_preview_says_what_was_understood_before_saving(login_as, personas, contract, typed, shown):
    response = login_as(personas.carol).get(reverse("portal:time-understood"), {"duration": typed})
    assert response.status_code == 200
    assert shown in response.content.decode()


def test_the_time_field_asks_for_the_preview(login_as, personas, contract):
    body = text(login_as(personas.carol).get(reverse("portal:time")))
    assert f'hx-get="{reverse("portal:time-understood")}"' in body
    assert 'id="id_duration_understood"' in body
