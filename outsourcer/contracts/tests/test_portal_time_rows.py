"""The contractor's time entry rows are written in Python (contract_tags.portal_time_rows) for
speed (outsourcer/lib/rows.py); they must be the HTML the template loop wrote, character for
character, for every status, any note, reason, title or name, and the page's CSRF token."""

import re
from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from outsourcer.contracts.models import TimeEntry, TimeEntryStatus
from outsourcer.contracts.selectors import time_entry_list_for_contractor
from outsourcer.testing.builders import make_budget
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.fixtures import text
from outsourcer.testing.rows import insert_hourly_contract, insert_time_entry

pytestmark = pytest.mark.django_db

# The loop the tag replaces, as portal/time.html had it.
LOOP = (
    """{% load display %}{% for entry in entries %}
        <tr>
          <td>{{ entry.worked_on|date:"D j M" }}</td>
          <td>{{ entry.organization.name }} · {{ entry.contract.title }}</td>
          <td class="num"><span class="cell-label">Time</span>{{ entry.minutes|duration }}</td>
          <td>{{ entry.note|default:"—" }}</td>
          <td><span class="status status-{{ entry.status }}">{{ entry.get_status_display }}</span>"""
    """{% if entry.status == "rejected" and entry.rejection_reason %}<br><small>Reason: {{ entry.rejection_reason }}"""
    """</small>{% endif %}</td>
          <td>{% if entry.status == "approved" %}<small class="muted">Reviewed</small>{% else %}"""
    """<a href="{% url 'portal:time-edit' entry.pk %}">{% if entry.status == "rejected" %}Correct{% else %}Edit"""
    """{% endif %}</a>
            <form method="post" action="{% url 'portal:time-delete' entry.pk %}" class="inline-form">"""
    """{% csrf_token %}<button type="submit" class="link-button" aria-label="Delete {{ entry.minutes|duration }} on """
    """{{ entry.worked_on|date:'j M' }}">Delete</button></form>{% endif %}</td>
        </tr>
        {% endfor %}"""
)
TAG = "{% load contract_tags %}{% portal_time_rows entries %}"
REVIEWED_AT = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def entries(personas):
    personas.org.name = 'Crumb <&> "Co."'
    personas.org.save()
    crumb = insert_hourly_contract(make_budget(personas), personas.carol_engagement, title="Photos & <copy>")
    oscars_engagement = EngagementFactory(organization=personas.other_org, contractor=personas.carol_contractor)
    oscars_budget = make_budget(personas, organization=personas.other_org)
    oscars = insert_hourly_contract(oscars_budget, oscars_engagement, title="Catalogue 'spring'")
    insert_time_entry(crumb, worked_on=date(2025, 3, 3), minutes=60, note='<script>alert("x")</script> & more')
    insert_time_entry(crumb, worked_on=date(2025, 3, 4), minutes=5, note="")
    insert_time_entry(
        oscars, worked_on=date(2025, 3, 5), minutes=1440, status=TimeEntryStatus.APPROVED, reviewed_at=REVIEWED_AT
    )
    insert_time_entry(
        oscars,
        worked_on=date(2025, 12, 31),
        minutes=135,
        status=TimeEntryStatus.REJECTED,
        reviewed_at=REVIEWED_AT,
        rejection_reason="Not <agreed> & 'late'",
    )
    rows = list(time_entry_list_for_contractor(contractor=personas.carol_contractor))
    # Rejected without a reason: the database refuses one, the loop still had a branch for it.
    without_reason = TimeEntry(
        pk=rows[0].pk + 1000,
        organization=personas.other_org,
        contract=oscars,
        worked_on=date(2025, 1, 1),
        minutes=90,
        note="Reasonless",
        status=TimeEntryStatus.REJECTED,
    )
    return [*rows, without_reason]


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize("language", ["en", "de"])
# (Django 6.1's `{% csrf_token %}` raises on the "NOTPROVIDED" token instead of writing nothing.)
@pytest.mark.parametrize("csrf_token", ["tok<&>\"en'", ""])
def test_it_writes_the_rows_as_the_template_did(entries, language, csrf_token):
    with translation.override(language):
        expected = _render(LOOP, entries=entries, csrf_token=csrf_token)
        written = _render(TAG, entries=entries, csrf_token=csrf_token)
    assert written == expected
    assert {e.status for e in entries} == set(TimeEntryStatus.values)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in written
    assert "Reason: Not &lt;agreed&gt; &amp; &#x27;late&#x27;" in written and "Reasonless" in written


def test_it_writes_nothing_without_entries():
    assert _render(TAG, entries=[], csrf_token="token") == _render(LOOP, entries=[], csrf_token="token") == ""


def test_the_page_shows_the_rows_with_its_own_csrf_token(login_as, personas, entries):
    body = text(login_as(personas.carol).get(reverse("portal:time") + "?month=2025-03"))
    table = body.split('<h2 id="entries-head">', 1)[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 3  # the head and March's three entries
    assert "Photos &amp; &lt;copy&gt;" in table and "<td>Wed 5 Mar</td>" in table
    assert '<small class="muted">Reviewed</small>' in table and "Edit</a>" in table
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', body))
    assert len(tokens) == 1 and table.count(f'value="{next(iter(tokens))}"') == 2
