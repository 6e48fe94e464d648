"""The Health Check page and API: the scores with their facts (linked to the rows) and actions,
the trend from the monthly snapshots, the print stylesheet; and the snapshot job, once a month."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.oversight.models import HealthSnapshot
from outsourcer.oversight.selectors.health import QUERIES
from outsourcer.oversight.services.health import health_snapshot_take, health_snapshots_take
from outsourcer.oversight.tests.test_health_facts import give_feedback
from outsourcer.testing.builders import NOW, make_budget
from outsourcer.testing.fixtures import text
from outsourcer.testing.oversight import make_deliverable

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user, backend="outsourcer.accounts.backends.EmailBackend")


def test_the_page_shows_each_score_its_facts_and_the_feedback_action(client, personas, org_url, frozen):
    make_budget(personas)
    deliverable = make_deliverable(personas, review="accept")
    login(client, personas.alice)
    page = text(client.get(org_url("health:page")))
    assert "1. Budget" in page and "5. Monitoring the work" in page
    assert "Give feedback on 1 accepted deliverable" in page
    assert 'href="/o/crumb/tasks/?status=in_progress"'.replace("crumb", personas.org.slug) in page
    assert "css/health.css" in page  # the print stylesheet
    give_feedback(personas, deliverable)
    assert "Give feedback on" not in text(client.get(org_url("health:page")))


def test_the_activity_links_show_only_to_those_who_may_read_the_log(client, personas, org_url, frozen):
    make_budget(personas)
    login(client, personas.alice)
    assert "/activity/?" in text(client.get(org_url("health:page")))
    login(client, personas.bob)  # a manager: no activity log
    page = client.get(org_url("health:page"))
    assert page.status_code == 200 and "/activity/?" not in text(page)


def test_an_empty_organization_reads_no_data_yet(client, personas, frozen):
    login(client, personas.oscar)
    page = text(client.get(f"/o/{personas.other_org.slug}/health/"))
    assert "no data yet" in page and "No monthly snapshot yet" in page


def test_the_snapshot_is_taken_once_a_month_and_drawn_as_the_trend(client, personas, org_url, frozen):
    make_budget(personas)
    assert health_snapshot_take(organization=personas.org, now=NOW).month == date(2025, 3, 1)
    assert health_snapshot_take(organization=personas.org, now=NOW + timedelta(days=3)) is None
    assert health_snapshots_take(now=NOW) == 1  # Oscar's organization; Alice's has March already
    assert health_snapshots_take(now=NOW) == 0
    HealthSnapshot.objects.create(organization=personas.org, month=date(2025, 2, 1), scores={"budget": 40}, overall=40)
    login(client, personas.alice)
    page = text(client.get(org_url("health:page")))
    assert "<polyline" in page and "February 2025" in page and "March 2025" in page


def test_the_page_sends_the_same_queries_for_many_rows(client, personas, org_url, frozen):
    make_budget(personas)
    make_deliverable(personas, review="accept")
    login(client, personas.alice)
    client.get(org_url("health:page"))

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(org_url("health:page")).status_code == 200
        return len(captured.captured_queries)

    one = count()
    for month in (1, 2):
        HealthSnapshot.objects.create(organization=personas.org, month=date(2025, month, 1), overall=50)
    give_feedback(personas, make_deliverable(personas, review="accept"))
    assert count() == one <= QUERIES + 4  # the facts, and the session, membership, history and nav


def test_the_api_answers_the_scores_and_the_history(api_as, personas, frozen):
    make_budget(personas)
    make_deliverable(personas, review="accept")
    health_snapshot_take(organization=personas.org, now=NOW)
    api = api_as(personas.vera)  # a viewer reads it too
    body = api.get("/health").json()
    monitoring = next(score for score in body["scores"] if score["key"] == "monitoring")
    assert monitoring["score"] is not None and 0 <= body["overall"] <= 100
    assert monitoring["actions"][0]["text"] == "Give feedback on 1 accepted deliverable"
    history = api.get("/health/history").json()["items"]
    assert [row["month"] for row in history] == ["2025-03-01"]
    assert api_as(personas.carol, portal=True).get("/health").status_code == 404
