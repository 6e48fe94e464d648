"""The Health Check's facts from the organization's own rows (selectors/health.py): what each
counts, that another organization's rows never count, and a fixed number of queries."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.audit.events import event_record
from outsourcer.oversight.models import Feedback, OrganizationRating
from outsourcer.oversight.selectors.health import QUERIES, health_facts
from outsourcer.oversight.tests.test_consolidation import approved
from outsourcer.testing.builders import NOW, TODAY, make_budget, make_contract
from outsourcer.testing.factories import ContractorFactory, EngagementFactory
from outsourcer.testing.hiring import insert_vetting
from outsourcer.testing.oversight import make_deliverable, make_working_task
from outsourcer.testing.work import make_task
from outsourcer.work.services import message_post, task_ask, task_send, task_start

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


def test_messages_reaching_a_contractor_off_hours_are_counted_unless_held(personas, frozen):
    task = make_working_task(personas)
    message_post(task=task, actor=personas.alice, body="Looks good so far", from_contractor=False)
    message_post(task=task, actor=None, body="Thanks!", from_contractor=True)  # Carol's own: not counted
    # 22:00 in Lisbon, Carol's evening: the urgent message reaches her now, the other waits for 09:00.
    with time_machine.travel(NOW + timedelta(hours=12), tick=False):
        message_post(task=task, actor=personas.alice, body="The oven broke", from_contractor=False, urgent=True)
        message_post(task=task, actor=personas.alice, body="No rush", from_contractor=False)
    found = facts(personas)
    assert (found.messages_sent, found.messages_off_hours) == (3, 1)


def test_deadlines_outside_the_contractors_working_hours_are_counted(personas, frozen):
    make_working_task(personas)  # due Friday 16:00 in Lisbon
    saturday = datetime(2025, 3, 22, 10, 0, tzinfo=UTC)
    make_working_task(personas, title="Weekend post", deadline_at=saturday, override_reason="The launch is Saturday")
    make_task(personas, title="Not sent yet", deadline_at=saturday)
    found = facts(personas)
    assert (found.deadlines, found.deadlines_off_hours) == (2, 1)


def test_utilization_and_spread_come_from_their_selectors(personas, frozen):
    make_working_task(personas, estimate_minutes=60)  # an hour of Carol's 30 a week: under-used
    found = facts(personas)
    assert (found.measured_contractors, found.under_used, found.over_booked) == (1, 1, 0)
    assert (found.areas, found.areas_spread) == (1, 0)  # one area, all of it Carol's
    assert facts(personas, personas.other_org).areas == 0


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
    message_post(task=make_working_task(personas), actor=personas.alice, body="Hi", from_contractor=False)
    assert queries(personas) == one <= QUERIES


def test_an_area_two_contractors_share_takes_every_query_and_no_more(personas, frozen):
    # Carol (vetted: she has a trust score) and Pia share the photography: the advisor weighs them,
    # so every query of the facts is sent, the trust scores' too.
    pia = EngagementFactory(organization=personas.org, contractor=ContractorFactory(name="Pia Pixel"))
    insert_vetting(personas, personas.carol_engagement)
    budget = make_budget(personas, name="Photography", amount_cents=10**9)
    approved(personas, make_contract(personas, budget), entries=5, minutes=120)
    pias = make_contract(personas, budget, contractor=pia.contractor, title="Pia's work", hourly_rate_cents=8000)
    approved(personas, pias, entries=10, minutes=180)
    with CaptureQueriesContext(connection) as captured:
        found = facts(personas)
    assert (found.areas, found.areas_spread) == (1, 1)
    assert (found.active_contractors, found.vetted_contractors, found.measured_contractors) == (2, 1, 2)
    assert len(captured.captured_queries) == QUERIES
