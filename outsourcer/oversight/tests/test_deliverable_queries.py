"""The hand-over lists send as many queries for many rows as for one, within the query budget
(docs/performance.md), and a deliverable page with many versions and files stays within it too."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from outsourcer.oversight.models import Deliverable, DeliverableFile, DeliverableVersion
from outsourcer.testing.builders import TODAY
from outsourcer.testing.oversight import PDF_BYTES, make_deliverable, make_working_task
from outsourcer.work.models import TaskMilestone
from tests.test_query_budget import QUERY_BUDGET, _client_for, queries_of

pytestmark = pytest.mark.django_db


def _add(task, n: int) -> None:
    """n more hand-overs on milestones of `task`, each with two versions (inserted directly)."""
    start = TaskMilestone.objects.filter(task=task).count()
    milestones = TaskMilestone.objects.bulk_create(
        TaskMilestone(organization_id=task.organization_id, task=task, title=f"Part {start + i}", due_on=TODAY)
        for i in range(n)
    )
    now = timezone.now()
    for i, milestone in enumerate(milestones):
        deliverable = Deliverable.objects.create(
            organization_id=task.organization_id, task=task, milestone=milestone, contractor_id=task.contractor_id,
            title=milestone.title, version=2, submitted_at=now - timedelta(hours=i),
        )  # fmt: skip
        for number in (1, 2):
            version = DeliverableVersion.objects.create(
                organization_id=task.organization_id, deliverable=deliverable, contractor_id=task.contractor_id,
                number=number, links=["https://drive.example/x"],
            )  # fmt: skip
            stored = DeliverableFile(
                organization_id=task.organization_id, version=version, name="a.pdf", size=9, kind="pdf"
            )
            stored.file.save("q.pdf", ContentFile(PDF_BYTES), save=False)
            stored.save()


def test_lists_and_the_page_cost_the_same_for_many_rows(personas, frozen):
    task = make_working_task(personas)
    make_deliverable(personas, task)
    org = personas.org.slug
    owner, _ = _client_for(personas, personas.alice, api=False)
    carol, _ = _client_for(personas, personas.carol, api=False)
    _, owner_api = _client_for(personas, personas.alice, api=True)
    _, carol_api = _client_for(personas, personas.carol, api=True)
    pages = [
        (owner, reverse("oversight:reviews", args=[org]), {}),
        (owner, reverse("oversight:reviews", args=[org]), {"HX-Request": "true"}),
        (carol, reverse("oversight-portal:list"), {}),
        (Client(), "/api/v1/oversight/deliverables", owner_api),
        (Client(), "/api/v1/portal/deliverables", carol_api),
    ]
    _add(task, 1)
    one = [queries_of(client, url, headers) for client, url, headers in pages]
    _add(task, 30)
    many = [queries_of(client, url, headers) for client, url, headers in pages]
    assert one == many
    assert max(many) <= QUERY_BUDGET

    busy = Deliverable.objects.filter(milestone__isnull=False).first()
    detail = [
        (owner, reverse("oversight:deliverable", args=[org, busy.pk]), {}),
        (carol, reverse("oversight-portal:detail", args=[busy.pk]), {}),
        (Client(), f"/api/v1/oversight/deliverables/{busy.pk}", owner_api),
    ]
    assert max(queries_of(client, url, headers) for client, url, headers in detail) <= QUERY_BUDGET
