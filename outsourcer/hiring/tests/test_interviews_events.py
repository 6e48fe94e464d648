"""Interview events read as sentences on the activity page (the samples are in
audit/tests/test_sentences.py)."""

import pytest
from django.utils import timezone

from outsourcer.audit.actions import Entry, describe
from outsourcer.audit.tests.test_sentences import SAMPLES


def _says(action: str) -> str:
    name, before, after = SAMPLES[action]
    return describe(action, Entry(before=before or {}, after=after or {}, object_repr=name, currency="EUR"))


@pytest.fixture(autouse=True)
def _berlin():
    with timezone.override("Europe/Berlin"):
        yield


def test_scheduling_says_when_with_whom_and_whether_outside_their_hours():
    assert _says("interview_scheduled") == (
        "scheduled an interview with Carol Contractor about “Spring menu photos” for 18 Mar 2025, 15:00 (45 min), "
        "outside their working hours"
    )


def test_moving_says_from_and_to():
    assert _says("interview_rescheduled") == (
        "moved the interview with Carol Contractor about “Spring menu photos” from 18 Mar 2025, 15:00 "
        "to 19 Mar 2025, 10:30"
    )


def test_cancelling_completing_and_scoring_read_as_sentences():
    assert _says("interview_cancelled") == (
        "cancelled the interview with Carol Contractor about “Spring menu photos” of 18 Mar 2025, 15:00"
    )
    assert _says("interview_completed").startswith("marked the interview with Carol Contractor")
    assert _says("scorecard_submitted") == (
        "submitted a scorecard of the interview with Carol Contractor: communication 4, skill 5, reliability 3, "
        "understanding 4 (of 5)"
    )
    assert _says("scorecard_updated").startswith("changed a scorecard of the interview with Carol Contractor")
