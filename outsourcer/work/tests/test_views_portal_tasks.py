"""The contractor's task pages: one list across organizations, the brief in both zones, answers."""

import pytest
from django.urls import reverse

from outsourcer.contractors.models import Engagement
from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.testing.fixtures import text
from outsourcer.testing.work import make_task
from outsourcer.work import services
from outsourcer.work.models import TaskStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def carol(client, personas):
    client.force_login(personas.carol)
    return client


def _sent(personas, contract=None, **fields):
    return services.task_send(task=make_task(personas, contract, **fields), actor=personas.alice)


def test_it_lists_her_tasks_from_every_organization(carol, personas, frozen):
    _sent(personas, title="Crumb's photos")
    # Oscar engages Carol too.
    Engagement.objects.create(
        organization=personas.other_org,
        contractor=personas.carol_contractor,
        status="active",
        weekly_capacity_minutes=600,
    )
    oscars = make_contract(
        personas,
        make_budget(personas, organization=personas.other_org, name="Banners", amount_cents=10**9),
        contractor=personas.carol_contractor,
    )
    services.task_send(task=make_task(personas, oscars, title="Oscar's banner"), actor=personas.oscar)
    make_task(personas, title="Crumb's draft")

    page = text(carol.get(reverse("tasks-portal:list")))
    assert "Crumb&#x27;s photos" in page and "Oscar&#x27;s banner" in page
    assert "Crumb&#x27;s draft" not in page
    only_oscar = text(carol.get(reverse("tasks-portal:list"), {"organization": personas.other_org.pk}))
    assert "Oscar&#x27;s banner" in only_oscar and "Crumb&#x27;s photos" not in only_oscar


def test_the_brief_shows_the_deadline_in_her_zone_and_the_organizations(carol, personas, frozen):
    task = _sent(personas)
    page = text(carol.get(reverse("tasks-portal:detail", args=[task.pk])))
    assert "Fri 21 Mar 2025 16:00</strong> your time (Europe/Lisbon)" in page
    assert f"for Crumb &amp; Co. ({personas.org.time_zone})" in page


def test_she_asks_then_accepts_starts_and_submits(carol, personas, frozen):
    task = _sent(personas)
    assert carol.post(reverse("tasks-portal:ask", args=[task.pk]), {"text": ""}).status_code == 400
    assert carol.post(reverse("tasks-portal:ask", args=[task.pk]), {"text": "Which dishes?"}).status_code == 302
    services.task_answer(task=task, actor=personas.alice, answer="The cakes")
    for action in ("accept", "start", "submit"):
        assert carol.post(reverse(f"tasks-portal:{action}", args=[task.pk])).status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.SUBMITTED


def test_a_decline_needs_a_reason_and_keeps_what_was_typed(carol, personas, frozen):
    task = _sent(personas)
    response = carol.post(reverse("tasks-portal:decline", args=[task.pk]), {"text": "x\x00"})
    assert response.status_code == 400
    response = carol.post(reverse("tasks-portal:decline", args=[task.pk]), {"text": "Booked"}, follow=True)
    assert "You declined" in text(response)


def test_an_illegal_step_is_refused_with_its_reason(carol, personas, frozen):
    task = _sent(personas)
    response = carol.post(reverse("tasks-portal:submit", args=[task.pk]), follow=True)
    assert "The task is sent; it cannot be submitted." in text(response)


def test_another_contractors_task_is_a_404(client, personas, frozen):
    task = _sent(personas)
    client.force_login(personas.dan)
    assert client.get(reverse("tasks-portal:detail", args=[task.pk])).status_code == 404
    assert client.post(reverse("tasks-portal:accept", args=[task.pk])).status_code == 404


def test_a_task_cancelled_before_it_was_sent_never_reaches_her(carol, personas, frozen):
    task = services.task_cancel(task=make_task(personas, title="Never sent"), actor=personas.alice)
    assert "Never sent" not in text(carol.get(reverse("tasks-portal:list"), {"status": "all"}))
    assert carol.get(reverse("tasks-portal:detail", args=[task.pk])).status_code == 404


def test_a_get_on_an_answer_is_refused(carol, personas, frozen):
    task = _sent(personas)
    assert carol.get(reverse("tasks-portal:accept", args=[task.pk])).status_code == 405
