"""The owner's home reads the same number of queries with 10 rows of everything as with 1,000:
hand-overs waiting and owed feedback, questions, overdue tasks, messages without a reply, missing
check-ins, tasks done (the on-time chart) and committed (the utilization chart)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.messaging.models import Message, Thread
from outsourcer.oversight.models import Deliverable
from outsourcer.testing.builders import NOW
from outsourcer.testing.work import insert_tasks, task_contract
from outsourcer.work.models import CheckInCadence

URL = reverse("orgs:home", args=["crumb"])
API = "/home"  # under /api/v1
# 5 for the page (session, membership, contractor counts, activity, nav), one for nine sections
# (one UNION), one for time waiting, two for the budgets, two for the charts beyond the budgets they
# share: see docs/oversight_home.md.
HOME_QUERIES = 11

pytestmark = pytest.mark.django_db


def _seed(personas, n: int) -> None:
    contract = task_contract(personas)
    insert_tasks(contract, n, status="question", question="Indoor or outdoor?")
    late = insert_tasks(contract, n, status="in_progress", accepted_at=NOW, deadline_at=NOW - timedelta(days=1))
    insert_tasks(contract, n, status="done", done_at=NOW - timedelta(days=20), deadline_at=NOW - timedelta(days=21))
    handed = insert_tasks(contract, 2 * n, status="submitted", accepted_at=NOW)
    Deliverable.objects.bulk_create(
        Deliverable(
            organization=personas.org,
            task=task,
            contractor=personas.carol_contractor,
            title=task.title,
            status="submitted" if i % 2 else "accepted",
            accepted_at=None if i % 2 else NOW,
        )
        for i, task in enumerate(handed)
    )
    threads = Thread.objects.bulk_create(
        Thread(organization=personas.org, task=task, contractor=personas.carol_contractor) for task in late
    )
    Message.objects.bulk_create(
        Message(
            organization=personas.org,
            task_id=thread.task_id,
            contractor=personas.carol_contractor,
            thread=thread,
            from_contractor=True,
            body="Which font?",
        )
        for thread in threads
    )
    CheckInCadence.objects.bulk_create(
        CheckInCadence(
            organization=personas.org, task=task, kind="weekly", weekday=0, next_due_at=NOW - timedelta(days=1)
        )
        for task in late
    )


def test_the_home_runs_the_same_queries_for_ten_rows_as_for_a_thousand(login_as, personas, frozen):
    client = login_as(personas.alice)
    _seed(personas, 10)
    client.get(URL)  # the first visit stores the current organization in the session
    with CaptureQueriesContext(connection) as ten:
        client.get(URL)
    _seed(personas, 990)
    with CaptureQueriesContext(connection) as thousand:
        response = client.get(URL)

    assert len(ten) == len(thousand) <= HOME_QUERIES, "\n".join(q["sql"][:120] for q in thousand.captured_queries)
    needs = {section.key: section for section in response.context["needs"]}
    for key in ("reviews", "feedback", "questions", "messages", "missing_checkins", "overdue"):
        assert len(needs[key].items) == 10 and needs[key].more_url, key
    assert [chart.key for chart in response.context["charts"]] == ["spend", "utilization", "on_time"]


def test_the_api_answers_the_same_sections_in_the_same_queries_for_any_number(api_as, personas, frozen):
    client = api_as(personas.alice)
    _seed(personas, 10)
    client.get(API)  # the token's first use of the day records it
    with CaptureQueriesContext(connection) as ten:
        client.get(API)
    _seed(personas, 990)
    with CaptureQueriesContext(connection) as thousand:
        body = client.get(API).json()

    assert len(ten) == len(thousand) <= 12
    sections = {section["key"]: section for section in body["sections"]}
    assert sections["reviews"]["count"] == 10 and sections["reviews"]["more_url"]
    assert sections["overdue"]["items"][0]["url"].startswith("/o/crumb/tasks/")
