"""The Health Check's facts from the organization's own rows (selectors/health.py): what each
counts, that another organization's rows never count, and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.audit.events import event_record
from outsourcer.oversight.models import Feedback, OrganizationRating
from outsourcer.oversight.selectors.health import health_facts
from outsourcer.testing.builders import NOW, TODAY, make_budget
from outsourcer.testing.oversight import make_deliverable, make_working_task
from outsourcer.testing.work import make_task
from outsourcer.work.services import task_ask, task_send, task_start

pytestmark = pytest.mark.django_db


def facts(personas, organization=None):
    return health_facts(organization=organization or personas.org, today=TODAY, now=NOW)


def give_feedback(personas, deliverable) -> Feedback:
    return Feedback.objects.create(
        organization=deliverable.organization,
        deliverable=deliverable,
        task=deliverable.task,
        contractor=deliverable.contractor,
        quality=5,
        timeliness=4,
        communication=5,
        given_by=personas.alice,
    )


def rate(personas, task, score: int) -> None:
    OrganizationRating.objects.create(
        organization=task.organization,
        task=task,
        contractor=task.contractor,
        brief_clarity=score,
        responsiveness=score,
        payment_timeliness=score,
    )


def test_feedback_on_accepted_work_and_reviews_are_counted(personas, frozen):
    accepted = make_deliverable(personas, review="accept")
    make_deliverable(personas, review="changes")
    before = facts(personas)
    assert (before.accepted_deliverables, before.accepted_with_feedback, before.reviews) == (1, 0, 2)
    give_feedback(personas, accepted)
    assert facts(personas).accepted_with_feedback == 1


def test_tasks_questions_and_check_ins_are_counted(personas, frozen):
    working = make_working_task(personas)
    task_start(task=working, contractor=working.contractor)
    asked = task_send(task=make_task(personas, title="Menu copy"), actor=personas.alice)
    task_ask(task=asked, contractor=asked.contractor, question="Which dishes?")
    found = facts(personas)
    assert (found.tasks_sent, found.open_questions, found.tasks_in_progress, found.tasks_with_checkins) == (2, 1, 1, 0)
    assert (found.active_contractors, found.idle_contractors, found.vetted_contractors) == (1, 0, 0)


def test_overrides_are_read_from_the_activity_log(personas, frozen):
    event_record(action="task_sent_with_override", organization=personas.org, actor=personas.alice)
    event_record(action="bid_awarded_unvetted", organization=personas.org, actor=personas.alice)
    event_record(action="bid_awarded_unvetted", organization=personas.other_org, actor=personas.oscar)
    found = facts(personas)
    assert (found.tasks_sent_with_override, found.unvetted_awards, found.budget_overrides) == (1, 1, 0)


def test_ratings_are_averaged_in_tenths(personas, frozen):
    for score in (5, 4, 4):
        rate(personas, make_task(personas, title=f"Rated {score}"), score)
    found = facts(personas)
    assert (found.ratings, found.rating_average_tenths) == (3, 43)


def test_budgets_in_force_are_counted(personas, frozen):
    make_budget(personas)
    make_budget(personas, organization=personas.other_org)
    assert (facts(personas).budgets, facts(personas).budgets_overrun) == (1, 0)


def test_another_organizations_rows_never_count(personas, frozen):
    make_deliverable(personas, review="accept")
    found = facts(personas, personas.other_org)
    assert (found.accepted_deliverables, found.reviews, found.tasks_sent) == (0, 0, 0)


def queries(personas) -> int:
    with CaptureQueriesContext(connection) as captured:
        facts(personas)
    return len(captured.captured_queries)


def test_the_facts_take_the_same_queries_for_many_rows_as_for_one(personas, frozen):
    make_deliverable(personas, review="accept")
    one = queries(personas)
    for _ in range(3):
        give_feedback(personas, make_deliverable(personas, review="accept"))
    rate(personas, make_task(personas), 4)
    assert queries(personas) == one <= 6
