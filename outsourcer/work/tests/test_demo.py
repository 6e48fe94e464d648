import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from outsourcer.accounts.models import Organization, User
from outsourcer.messaging.models import Message
from outsourcer.messaging.selectors import thread_messages_for_contractor, thread_messages_for_organization
from outsourcer.work.models import Task, TaskStatus
from outsourcer.work.models_checkins import CheckIn
from outsourcer.work.selectors_threads import task_thread_key
from outsourcer.work.services.tasks import task_findings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("now", ["2025-03-17 10:00", "2026-12-31 23:30"])
def test_the_demo_has_tasks_in_every_state_a_thread_and_an_at_risk_checkin(time_machine, client, now):
    time_machine.move_to(now)
    call_command("demo", verbosity=0)
    organization = Organization.objects.get(slug="crumb-co")
    tasks = Task.objects.filter(organization=organization)
    assert set(tasks.values_list("status", flat=True)) == set(TaskStatus.values)
    assert tasks.get(status="question").question and tasks.get(status="declined").decline_reason
    draft = tasks.get(status="draft")
    assert draft.deadline_at is None and "ASAP" in draft.deliverables
    assert {"missing_deadline", "vague_language"} <= {f.code for f in task_findings(draft)}

    shoot = tasks.get(status="in_progress")
    held = Message.objects.get(task=shoot, deliver_at__gt=F("created_at"))
    assert not held.from_contractor
    assert held in thread_messages_for_organization(key=task_thread_key(shoot))
    assert held not in thread_messages_for_contractor(key=task_thread_key(shoot))
    assert Message.objects.filter(task=shoot, urgent=True).count() == 1
    assert CheckIn.objects.get(task=shoot, is_latest=True).status == "at_risk"

    client.force_login(User.objects.get(email="alice@demo.outsourcer.test"))
    page = client.get(reverse("orgs:home", args=[organization.slug])).content.decode()
    assert "Check-ins: at risk or blocked" in page and "Sourdough launch shoot" in page

    counts = Task.objects.count(), Message.objects.count(), CheckIn.objects.count()
    call_command("demo", verbosity=0)
    assert (Task.objects.count(), Message.objects.count(), CheckIn.objects.count()) == counts
