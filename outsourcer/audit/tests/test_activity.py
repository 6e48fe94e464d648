from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.audit.events import event_record
from outsourcer.audit.models import Event
from outsourcer.testing.factories import UserFactory

URL = reverse("audit:activity", args=["crumb"])
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


ALICE = object()


def _event(personas, action="member_role_changed", *, days_ago=0, actor=ALICE, obj=None, org=None, **fields):
    event = event_record(
        action=action,
        organization=org or personas.org,
        actor=personas.alice if actor is ALICE else actor,
        obj=obj,
        **fields,
    )
    Event.objects.filter(pk=event.pk).update(created_at=NOW - timedelta(days=days_ago))
    return event


def _actions(response) -> list[str]:
    return [e.action for e in response.context["page"].object_list]


def test_it_shows_who_did_what_with_the_change(login_as, personas):
    vera = personas.vera.memberships.get()
    _event(personas, obj=vera, before={"role": "viewer"}, after={"role": "manager"}, reason="Covers for Bob")

    response = login_as(personas.alice).get(URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Alice Owner" in content
    assert "<strong>Alice Owner</strong> changed the role of Vera Viewer from viewer to manager." in content
    assert "Covers for Bob" in content
    assert f"?object=accounts.membership%3A{vera.pk}" in content


def test_it_shows_times_in_the_viewers_time_zone(login_as, personas):
    _event(personas)
    personas.alice.time_zone = "Asia/Tokyo"
    personas.alice.save()

    response = login_as(personas.alice).get(URL)

    assert "Fri 20 Nov 2026, 21:00" in response.content.decode()


def test_it_shows_the_last_30_days_unless_asked(login_as, personas):
    _event(personas, "recent", days_ago=29)
    _event(personas, "old", days_ago=31)
    client = login_as(personas.alice)

    assert _actions(client.get(URL)) == ["recent"]
    assert _actions(client.get(URL, {"since": ""})) == ["recent", "old"]
    assert _actions(client.get(URL, {"since": "2026-10-01", "until": "2026-10-21"})) == ["old"]


def test_it_filters_by_person_and_by_action(login_as, personas):
    _event(personas, "member_invited", actor=personas.alice)
    _event(personas, "contractor_added", actor=personas.bob)
    _event(personas, "budget_threshold_crossed", actor=None)
    client = login_as(personas.alice)

    assert _actions(client.get(URL, {"actor": personas.bob.pk})) == ["contractor_added"]
    assert _actions(client.get(URL, {"actor": "system"})) == ["budget_threshold_crossed"]
    assert _actions(client.get(URL, {"action": "member_invited"})) == ["member_invited"]
    response = client.get(URL)
    assert ("member_invited", "invited a member") in response.context["form"].fields["action"].widget.choices
    assert ("budget_threshold_crossed", "budget threshold crossed") in response.context["form"].fields[
        "action"
    ].widget.choices
    assert (str(personas.bob.pk), "Bob Manager") in response.context["form"].fields["actor"].widget.choices


def test_a_chosen_person_stays_in_the_list_outside_the_period(login_as, personas):
    _event(personas, actor=personas.bob, days_ago=90)

    response = login_as(personas.alice).get(URL, {"actor": personas.bob.pk})

    assert _actions(response) == []
    assert (str(personas.bob.pk), "Bob Manager") in response.context["form"].fields["actor"].widget.choices


def test_it_shows_one_objects_whole_history(login_as, personas):
    engagement = personas.carol_engagement
    _event(personas, "contractor_added", obj=engagement, days_ago=200)
    _event(personas, "engagement_status_changed", obj=engagement, days_ago=1)
    _event(personas, "member_invited", days_ago=1)

    response = login_as(personas.alice).get(URL, {"object": f"contractors.engagement:{engagement.pk}"})

    assert _actions(response) == ["engagement_status_changed", "contractor_added"]
    assert b"The history of one engagement" in response.content


def test_it_searches_object_names_and_reasons(login_as, personas):
    _event(personas, "contract_override", obj=personas.carol_engagement, reason="Urgent launch")
    _event(personas, "member_invited", obj=personas.org)
    client = login_as(personas.alice)

    assert _actions(client.get(URL, {"q": "carol"})) == ["contract_override"]
    assert _actions(client.get(URL, {"q": "URGENT"})) == ["contract_override"]


def test_it_shows_only_overrides_when_asked(login_as, personas):
    _event(personas, "contract_activated_over_budget", days_ago=3, reason="Launch cannot wait")
    _event(personas, "contract_activated", days_ago=2)
    # A reason alone does not make an override: rejections and reversals give one too.
    _event(personas, "time_entry_rejected", days_ago=2, reason="Not on this task")
    _event(personas, "spend_reversed", days_ago=2, reason="Booked twice")
    _event(personas, "time_entry_approved_with_override", days_ago=1, reason="Deadline week")

    response = login_as(personas.alice).get(URL, {"overrides": "on"})

    assert _actions(response) == ["time_entry_approved_with_override", "contract_activated_over_budget"]
    assert "overrode the budget to activate the contract" in response.content.decode()


def test_it_never_shows_another_organizations_events(login_as, personas):
    _event(personas, "secret_thing", org=personas.other_org, actor=personas.oscar, obj=personas.dan_engagement)
    client = login_as(personas.alice)

    assert _actions(client.get(URL, {"since": ""})) == []
    key = f"contractors.engagement:{personas.dan_engagement.pk}"
    assert _actions(client.get(URL, {"object": key})) == []
    assert _actions(client.get(URL, {"actor": personas.oscar.pk, "since": ""})) == []
    response = client.get(URL, {"actor": personas.oscar.pk})
    assert "Oscar" not in str(response.context["form"].fields["actor"].widget.choices)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"since": "yesterday"}, "since", "Enter a valid date."),
        ({"since": "2026-11-10", "until": "2026-11-01"}, "until", "The end date must be on or after the start date."),
        ({"until": "9999-12-31"}, "until", "Enter a date between 2000 and 2999."),
        ({"since": "0001-01-01"}, "since", "Enter a date between 2000 and 2999."),
        ({"actor": "alice"}, "actor", "Enter a valid value."),
        ({"action": "<script>"}, "action", "Enter a valid value."),
        ({"q": "a\x00b"}, "q", "Null characters are not allowed."),
    ],
)
def test_it_explains_a_bad_filter_and_applies_the_others(login_as, personas, query, field, message):
    _event(personas, "member_invited", days_ago=1)

    response = login_as(personas.alice).get(URL, {"action": "member_invited", **query})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message.replace("'", "&#x27;").encode() in response.content
    assert _actions(response) == ["member_invited"]


def test_it_says_so_when_a_history_link_is_broken(login_as, personas):
    response = login_as(personas.alice).get(URL, {"object": "not a key"})
    assert b"That history link is not valid" in response.content


def test_it_offers_all_history_when_the_period_is_empty(login_as, personas):
    response = login_as(personas.alice).get(URL)
    assert b"Nothing matches in this period" in response.content
    assert b'href="/o/crumb/activity/?since="' in response.content


def test_it_pages_through_many_events(login_as, personas):
    for n in range(30):
        _event(personas, f"action_{n:02d}", days_ago=0)
    client = login_as(personas.alice)

    first, second = client.get(URL), client.get(URL, {"page": 2})

    assert len(_actions(first)) == 25
    assert len(_actions(second)) == 5
    assert set(_actions(first)).isdisjoint(_actions(second))


def test_htmx_gets_only_the_results(login_as, personas):
    _event(personas)

    response = login_as(personas.alice).get(URL, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="activity-results">')
    assert "<html" not in content


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def test_its_query_count_does_not_grow_with_the_events(login_as, personas):
    client = login_as(personas.alice)
    _event(personas)
    client.get(URL)  # the first visit also stores the current organization in the session
    few = _queries(client, URL)

    actors = UserFactory.create_batch(5)
    for n in range(40):
        _event(personas, f"action_{n % 7}", actor=actors[n % 5], obj=personas.carol_engagement)

    # session, user, membership, filter choices, count, page and the page shell's few
    assert _queries(client, URL) == few <= 12


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_it_is_for_owners_only(login_as, personas, persona):
    assert login_as(getattr(personas, persona)).get(URL).status_code == 403


def test_it_hides_another_organization(login_as, personas):
    assert login_as(personas.oscar).get(URL).status_code == 404
