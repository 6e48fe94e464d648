"""The owner's home (issue 13 §7): reviews waiting, feedback owed, messages without a reply,
questions, missing check-ins and overdue tasks, each linking to where it is cleared; every
declared override in the recent overrides."""

from datetime import timedelta

import pytest
from django.urls import NoReverseMatch, reverse

from outsourcer.accounts.roles import Role
from outsourcer.oversight.services import deliverable_accept
from outsourcer.testing.builders import NOW
from outsourcer.testing.factories import MembershipFactory
from outsourcer.testing.fixtures import text
from outsourcer.testing.oversight import make_deliverable, make_working_task
from outsourcer.testing.work import make_task
from outsourcer.work.models import CheckInCadence, Task
from outsourcer.work.services import task_ask, task_send, task_start
from outsourcer.work.services.checkins import checkin_cadence_set, checkin_post
from outsourcer.work.services.threads import message_post

URL = reverse("orgs:home", args=["crumb"])

pytestmark = pytest.mark.django_db


def _needs(response) -> dict:
    return {section.key: section for section in response.context["needs"]}


def _task_url(task_id: int) -> str:
    return reverse("tasks:detail", args=["crumb", task_id])


def _deliverable_url(deliverable) -> str:
    try:
        return reverse("oversight:deliverable", args=["crumb", deliverable.pk])
    except NoReverseMatch:  # before the deliverable's pages are merged: its task
        return _task_url(deliverable.task_id)


def test_a_hand_over_waits_for_review_with_how_long_until_it_is_accepted(login_as, personas, frozen):
    deliverable = make_deliverable(personas)
    Task.objects.filter(pk=deliverable.task_id).update(title="Menu photos")
    type(deliverable).objects.filter(pk=deliverable.pk).update(submitted_at=NOW - timedelta(days=3))
    client = login_as(personas.alice)

    [item] = _needs(client.get(URL))["reviews"].items

    assert item.label == "Review Menu photos · Carol Contractor"
    assert item.detail == "version 1, waiting since Fri 14 Mar (3 d)"
    assert item.tone == "warn"
    assert item.url == _deliverable_url(deliverable)
    deliverable_accept(deliverable=deliverable, actor=personas.alice)
    needs = _needs(client.get(URL))
    assert "reviews" not in needs
    [owed] = needs["feedback"].items
    assert owed.label == "Give feedback on Menu photos · Carol Contractor"
    assert owed.detail == "accepted today"


def test_a_viewer_reads_the_reviews_and_a_manager_does_not_see_their_own_work(login_as, personas, frozen):
    make_deliverable(personas)
    MembershipFactory(organization=personas.org, user=personas.carol, role=Role.MANAGER)

    assert _needs(login_as(personas.vera).get(URL))["reviews"].items[0].label.startswith("See ")
    assert "reviews" not in _needs(login_as(personas.carol).get(URL))
    assert "reviews" in _needs(login_as(personas.bob).get(URL))


def test_a_contractors_message_waits_for_a_reply_until_the_organization_answers(login_as, personas, frozen):
    task = make_working_task(personas, title="Menu photos")
    message = message_post(task=task, actor=personas.carol, body="Which  font?", from_contractor=True)
    client = login_as(personas.alice)

    [item] = _needs(client.get(URL))["messages"].items

    assert item.label == "Reply to Carol Contractor on Menu photos"
    assert item.url == f"{_task_url(task.pk)}#message-{message.pk}"
    assert item.detail == "waiting since today: “Which font?”"
    message_post(task=task, actor=personas.alice, body="Garamond", from_contractor=False)
    assert "messages" not in _needs(client.get(URL))


def test_a_question_waits_for_its_answer(login_as, personas, frozen):
    task = task_send(task=make_task(personas, title="Menu photos"), actor=personas.alice)
    task_ask(task=task, contractor=task.contractor, question="Indoor or outdoor?")

    [item] = _needs(login_as(personas.bob).get(URL))["questions"].items

    assert item.label == "Answer Carol Contractor on Menu photos"
    assert item.detail == "“Indoor or outdoor?”"
    assert item.url == f"{_task_url(task.pk)}#question-head"


def test_a_check_in_due_and_not_come_is_missing_until_it_comes(login_as, personas, frozen):
    task = make_working_task(personas, title="Menu photos")
    task = task_start(task=task, contractor=task.contractor)
    checkin_cadence_set(task=task, actor=personas.alice, kind="weekly", weekday=0)
    CheckInCadence.objects.filter(task=task).update(next_due_at=NOW - timedelta(days=2))
    client = login_as(personas.alice)

    [item] = _needs(client.get(URL))["missing_checkins"].items

    assert item.label == "Menu photos · Carol Contractor"
    assert item.detail == "check-in due on Sat 15 Mar has not come"
    checkin_post(task=task, contractor=task.contractor, status="on_track", percent_done=50, note="")
    assert "missing_checkins" not in _needs(client.get(URL))


def test_an_open_task_past_its_deadline_is_overdue_and_a_done_one_is_not(login_as, personas, frozen):
    late = make_working_task(personas, title="Late")
    on_time = make_working_task(personas, title="On time")
    Task.objects.filter(pk=late.pk).update(deadline_at=NOW - timedelta(days=2))
    Task.objects.filter(pk=on_time.pk).update(deadline_at=NOW + timedelta(days=2))
    Task.objects.create(
        **{f.attname: getattr(late, f.attname) for f in Task._meta.concrete_fields if f.attname != "id"}
        | {"status": "done", "title": "Done late", "deadline_at": NOW - timedelta(days=9), "done_at": NOW}
    )

    [item] = _needs(login_as(personas.alice).get(URL))["overdue"].items

    assert item.label == "Late · Carol Contractor"
    assert item.detail == "accepted, deadline passed 2 d ago, on Sat 15 Mar"
    assert item.url == _task_url(late.pk)


def test_a_task_sent_despite_the_brief_check_is_a_recent_override(login_as, personas, frozen):
    task = make_task(personas, title="Vague", goal="", deliverables="", acceptance_criteria=[])
    task_send(task=task, actor=personas.alice, override_reason="We talked it through")

    [item] = _needs(login_as(personas.alice).get(URL))["overrides"].items

    assert item.url == _task_url(task.pk)
    assert "sent a task despite the brief check" in item.detail
    assert "We talked it through" in item.detail


def test_the_page_offers_jumps_to_its_sections(login_as, personas, frozen):
    make_deliverable(personas)

    page = text(login_as(personas.alice).get(URL))

    assert 'href="#needs-reviews"' in page and 'id="needs-reviews"' in page


def test_nothing_of_another_organization_shows(login_as, personas, frozen):
    make_deliverable(personas)

    assert login_as(personas.oscar).get(reverse("orgs:home", args=["oscars"])).context["needs"] == []
