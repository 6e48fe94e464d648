"""A hand-over waiting more than N working days of the organization reminds its owners and
managers, once per version, however many workers run the job."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from outsourcer.notifications.models import Notification
from outsourcer.oversight.models import Deliverable
from outsourcer.oversight.services import review_reminders
from outsourcer.oversight.services.deliverables import deliverable_submit
from outsourcer.oversight.services.review_reminders import review_reminders_send
from outsourcer.testing.builders import NOW
from outsourcer.testing.oversight import make_deliverable

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")  # Crumb & Co.'s zone in the personas


def _reminded():
    return sorted(n.user.email for n in Notification.objects.filter(kind="deliverable_review_waiting"))


def _at(day: int, hour: int) -> datetime:
    return datetime(2025, 3, day, hour, 0, tzinfo=BERLIN)


@pytest.fixture
def monday_handover(personas):
    # Handed over Monday 17 March 2025, 11:00 in Berlin: three working days end Thursday 17:00.
    with time_machine.travel(NOW, tick=False):
        return make_deliverable(personas)


def test_it_waits_three_working_days_then_reminds_owners_and_managers(personas, monday_handover, settings):
    personas.org.time_zone = "Europe/Berlin"
    personas.org.save()
    assert review_reminders_send(now=_at(20, 16)) == 0  # Thursday, still inside the third day
    assert review_reminders_send(now=_at(20, 18)) == 1
    assert _reminded() == sorted([personas.alice.email, personas.bob.email])  # not Vera the viewer


def test_a_weekend_does_not_count(personas, settings):
    personas.org.time_zone = "Europe/Berlin"
    personas.org.save()
    with time_machine.travel(NOW, tick=False):
        deliverable = make_deliverable(personas)
    Deliverable.objects.filter(pk=deliverable.pk).update(submitted_at=_at(21, 11))  # handed over on a Friday
    assert review_reminders_send(now=_at(25, 18)) == 0  # Tuesday evening: Monday and Tuesday only
    assert review_reminders_send(now=_at(26, 18)) == 1  # Wednesday evening


def test_the_number_of_days_is_a_setting(personas, monday_handover, settings):
    settings.OUTSOURCER_REVIEW_REMIND_WORKING_DAYS = 1
    assert review_reminders_send(now=NOW + timedelta(days=1, hours=8)) == 1


def test_it_reminds_once_per_version_and_never_after_the_decision(
    personas, monday_handover, django_capture_on_commit_callbacks
):
    later = NOW + timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        assert review_reminders_send(now=later) == 1
    assert review_reminders_send(now=later + timedelta(hours=1)) == 0
    assert len(_reminded()) == 2
    assert {m.subject for m in mail.outbox if m.subject.startswith("Waiting")} == {
        f"Waiting for review: {monday_handover.title}"
    }
    make_deliverable(personas, monday_handover.task, review="changes")
    decided = Deliverable.objects.get(pk=monday_handover.pk)
    assert review_reminders_send(now=later + timedelta(days=7)) == 0
    with time_machine.travel(later, tick=False):
        deliverable_submit(task=decided.task, contractor=decided.contractor, links=["https://drive.example/v2"])
    assert review_reminders_send(now=later + timedelta(days=7)) == 1  # version 2 waits too long too


def test_a_worker_that_loses_the_claim_sends_nothing(personas, monday_handover, monkeypatch):
    original = review_reminders.review_due_at

    def other_worker_claims_first(deliverable, days):
        # Between reading the list and claiming the row, another worker claims it.
        Deliverable.objects.filter(pk=deliverable.pk).update(reminded_version=deliverable.version)
        return original(deliverable, days)

    monkeypatch.setattr(review_reminders, "review_due_at", other_worker_claims_first)
    assert review_reminders_send(now=NOW + timedelta(days=7)) == 0
    assert _reminded() == []
