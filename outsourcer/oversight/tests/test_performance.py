"""A contractor's performance with the organization: on-time and first-time acceptance from tasks
and hand-overs, the feedback's averages, median response times, a monthly history, in four queries
whatever the history; and the same evidence moving hiring's trust score."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from outsourcer.accounts.services import api_token_create
from outsourcer.hiring.trust import trust_score
from outsourcer.oversight.selectors.performance import HISTORY_MONTHS, performance_for_engagement
from outsourcer.oversight.services import deliverable_accept, deliverable_submit, feedback_give
from outsourcer.testing.builders import TODAY
from outsourcer.testing.oversight import make_deliverable
from outsourcer.work.services import message_post

pytestmark = pytest.mark.django_db


def _late_second_version(personas, frozen, stars: int):
    """Changes requested, handed over again, accepted after the deadline (21 March), rated `stars`."""
    deliverable = make_deliverable(personas, review="changes")
    with time_machine.travel(frozen + timedelta(days=5), tick=False):
        deliverable_submit(task=deliverable.task, contractor=deliverable.contractor, links=["https://drive.example/2"])
        deliverable_accept(deliverable=deliverable, actor=personas.alice)
        feedback_give(deliverable=deliverable, actor=personas.alice, quality=stars, timeliness=stars,
                      communication=stars)  # fmt: skip
    return deliverable


def _on_time_first_version(personas, stars: int):
    deliverable = make_deliverable(personas, review="accept")
    feedback_give(deliverable=deliverable, actor=personas.alice, quality=stars, timeliness=stars - 1,
                  communication=stars - 2)  # fmt: skip
    return deliverable


def test_it_sums_up_deadlines_first_versions_ratings_and_replies(personas, frozen, django_assert_num_queries):
    first = _on_time_first_version(personas, 5)
    _late_second_version(personas, frozen, 2)
    message_post(
        task=first.task, actor=personas.alice, body="Can you add one more?", from_contractor=False, urgent=True
    )
    with time_machine.travel(frozen + timedelta(hours=2), tick=False):
        message_post(task=first.task, actor=personas.carol, body="Yes.", from_contractor=True)

    with django_assert_num_queries(4):
        performance = performance_for_engagement(engagement=personas.carol_engagement, today=TODAY)

    assert (performance.tasks_on_time, performance.tasks_due) == (1, 2)
    assert (performance.handovers_on_time, performance.handovers_due) == (1, 2)
    assert (performance.on_time_percent, performance.first_time_percent) == (50, 50)
    assert (performance.quality, performance.timeliness, performance.communication) == (3.5, 3.0, 2.5)
    assert performance.average_rating == 3.0
    assert (performance.reply_hours, performance.replies) == (2.0, 1)
    assert (performance.accept_hours, performance.tasks_accepted) == (0.0, 2)
    assert len(performance.history) == HISTORY_MONTHS
    march = performance.history[-1]
    assert (march.month.isoformat(), march.due, march.on_time, march.accepted, march.first_time) == (
        "2025-03-01",
        4,
        2,
        2,
        1,
    )


def test_another_organizations_work_does_not_count(personas, frozen):
    _on_time_first_version(personas, 5)
    performance = performance_for_engagement(engagement=personas.dan_engagement, today=TODAY)
    assert not performance.has_history and performance.on_time_percent is None


def test_the_contractors_page_shows_it_with_the_same_queries_for_more_history(
    personas, frozen, client, django_assert_max_num_queries
):
    client.force_login(personas.vera)
    url = reverse("contractors:detail", args=[personas.org.slug, personas.carol_engagement.pk])
    assert "No finished work with Carol Contractor yet" in client.get(url).content.decode()
    _on_time_first_version(personas, 5)
    with django_assert_max_num_queries(40) as few:
        page = client.get(url).content.decode()
    assert "Performance" in page and "1 of 1 tasks done by their deadline" in page and "<svg" in page
    _late_second_version(personas, frozen, 2)
    _on_time_first_version(personas, 4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "2 of 3 tasks done by their deadline" in client.get(url).content.decode()


def test_the_api_answers_the_same_figures(personas, frozen, client):
    _on_time_first_version(personas, 5)
    _, raw = api_token_create(user=personas.vera, name="t", organization=personas.org)
    response = client.get(
        f"/api/v1/contractors/{personas.carol_engagement.pk}/performance", headers={"Authorization": f"Bearer {raw}"}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["on_time_percent"], body["first_time_percent"], body["average_rating"]) == (100, 100, 4.0)
    assert len(body["history"]) == HISTORY_MONTHS


def test_feedback_deadlines_and_first_versions_move_the_trust_score(personas, frozen):
    assert trust_score(organization=personas.org, engagement_id=personas.carol_engagement.pk).score is None
    _on_time_first_version(personas, 5)
    good = trust_score(organization=personas.org, engagement_id=personas.carol_engagement.pk)
    parts = {part.key: part for part in good.parts}
    assert parts["rating"].why == "4.0 of 5 on average from 1 rating."
    assert parts["task_on_time"].why.startswith("1 of 1 tasks done by their deadline")
    assert parts["first_version"].has_evidence
    assert good.score is not None

    _late_second_version(personas, frozen, 1)
    worse = trust_score(organization=personas.org, engagement_id=personas.carol_engagement.pk)
    assert worse.score < good.score
