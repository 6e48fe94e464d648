"""The task lists' rows are written in Python (work_tags.task_rows, portal_task_rows) for speed
(docs/performance.md); they must be the HTML the template loop wrote, character for character,
for any title, zone, status, priority and deadline."""

from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from outsourcer.testing.work import insert_tasks, make_task
from outsourcer.work.selectors import task_list_for_contractor, task_list_for_organization

pytestmark = pytest.mark.django_db

# The loops the tags replace, as the templates had them.
ORG_LOOP = (
    """{% load contractor_tags %}{% for t in tasks %}
        <tr>
          <td><a href="{% url 'tasks:detail' slug t.pk %}">{{ t.title }}</a></td>
          <td>{{ t.contractor.name }}</td>
          <td>{{ t.contract.title }}</td>
          <td><span class="status status-{{ t.status }}">{{ t.get_status_display }}</span></td>
          <td>{{ t.get_priority_display }}</td>
          <td>{% if t.deadline_at %}{{ t.deadline_at|date:"D j M Y, H:i" }}<br><small class="muted">"""
    """{% their_time t.deadline_at t.contractor.time_zone %} for {{ t.contractor.name }}</small>"""
    """{% else %}<span class="muted">—</span>{% endif %}</td>
        </tr>
        {% endfor %}"""
)
PORTAL_LOOP = (
    """{% load work_tags %}{% for t in tasks %}
        <tr>
          <td><a href="{% url 'tasks-portal:detail' t.pk %}">{{ t.title }}</a></td>
          <td>{{ t.organization.name }}</td>
          <td><span class="status status-{{ t.status }}">{{ t.get_status_display }}</span></td>
          <td>{{ t.get_priority_display }}</td>
          <td>{% if t.deadline_at %}{{ t.deadline_at|in_zone:contractor.time_zone }}"""
    """{% else %}<span class="muted">—</span>{% endif %}</td>
        </tr>
        {% endfor %}"""
)


@pytest.fixture
def tasks(personas):
    task = make_task(personas, title='<b>"Menu" & more</b>', deadline_at=datetime(2025, 1, 5, 23, 30, tzinfo=UTC))
    contract = task.contract
    contract.contractor.name = "Carol <Mendes> & Co"
    contract.contractor.time_zone = "America/New_York"
    contract.contractor.save()
    contract.title = "Photos & <copy>"
    contract.save()
    insert_tasks(contract, 1, status="in_progress", priority="high", deadline_at=None)
    new_year = datetime(2025, 12, 31, 8, 5, tzinfo=UTC)
    insert_tasks(contract, 1, status="question", question="Which?", priority="low", deadline_at=new_year)
    personas.org.name = "Crumb <&> Co."
    personas.org.save()
    return contract


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(("zone", "language"), [("Europe/Berlin", "en"), ("Asia/Kolkata", "de")])
def test_it_writes_the_organization_rows_as_the_template_did(tasks, personas, zone, language):
    rows = list(task_list_for_organization(organization=personas.org, status="all"))
    with timezone.override(zone), translation.override(language):
        expected = _render(ORG_LOOP, tasks=rows, slug=personas.org.slug)
        written = _render("{% load work_tags %}{% task_rows tasks slug %}", tasks=rows, slug=personas.org.slug)
    assert "&lt;b&gt;&quot;Menu&quot; &amp; more&lt;/b&gt;" in written
    assert written == expected


def test_it_writes_the_portal_rows_as_the_template_did(tasks, personas):
    from outsourcer.work import services

    services.task_send(task=tasks.tasks.get(status="draft"), actor=personas.alice, override_reason="Test")
    contractor = tasks.contractor
    rows = list(task_list_for_contractor(contractor=contractor, status="all"))
    assert len(rows) == 3
    for zone in ("Asia/Manila", ""):
        contractor.time_zone = zone
        expected = _render(PORTAL_LOOP, tasks=rows, contractor=contractor)
        written = _render("{% load work_tags %}{% portal_task_rows tasks zone %}", tasks=rows, zone=zone)
        assert written == expected
