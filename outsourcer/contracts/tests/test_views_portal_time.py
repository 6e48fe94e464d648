from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.contracts.models import TimeEntry, TimeEntryStatus
from outsourcer.contracts.services import time_entry_approve, time_entry_reject
from outsourcer.testing.builders import log_time, make_budget, make_contract
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db

TIME = reverse("portal:time")


@pytest.fixture
def contract(personas, frozen):
    budget = make_budget(personas, name="Secret marketing budget", amount_cents=1_000_000)
    return make_contract(personas, budget, title="Weekly product photos")


def _log(contract, **extra):
    return {"contract": contract.pk, "worked_on": "2025-03-17", "duration": "1:30", "note": "Spring shoot", **extra}


def test_it_lists_the_contractors_contracts_with_their_terms_but_never_the_budget(login_as, personas, contract):
    body = text(login_as(personas.carol).get(TIME))
    assert "Weekly product photos" in body and "Crumb &amp; Co." in body
    assert "€60.00/h" in body and "20 h a week" in body
    assert "Secret marketing budget" not in body and "€10,000.00" not in body


@pytest.mark.parametrize(
    ("duration", "minutes", "understood"),
    [
        ("2", 120, "2 h"),  # a bare number is hours
        ("1.5", 90, "1 h 30 min"),
        ("1,5", 90, "1 h 30 min"),
        ("1:30", 90, "1 h 30 min"),
        ("90m", 90, "1 h 30 min"),
        ("2h 15m", 135, "2 h 15 min"),
        ("2 h 15 min", 135, "2 h 15 min"),
        ("45m", 45, "0 h 45 min"),
    ],
)
def test_it_logs_time_as_hours_or_with_units(login_as, personas, contract, duration, minutes, understood):
    client = login_as(personas.carol)
    response = client.post(TIME, _log(contract, duration=duration))
    entry = TimeEntry.objects.get()
    assert response.status_code == 302
    assert (entry.minutes, entry.status, entry.note) == (minutes, TimeEntryStatus.SUBMITTED, "Spring shoot")
    # Without JavaScript the saved message is where she sees what was understood.
    assert f"Logged {understood} on Weekly product photos" in text(client.get(TIME))


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"duration": "lots"}, "duration", "Write hours such as 2, 1.5 or 1:30"),
        ({"duration": "90"}, "duration", "Between 1 minute and 24 hours."),  # 90 hours, not minutes
        ({"duration": "25:00"}, "duration", "Between 1 minute and 24 hours."),
        ({"worked_on": "2025-03-18"}, "worked_on", "Log time for today or an earlier day."),
        ({"worked_on": "2024-12-31"}, "worked_on", "The contract runs from"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_kept(login_as, personas, contract, change, field, message):
    response = login_as(personas.carol).post(TIME, _log(contract, **change))
    body = text(response)
    assert response.status_code == 400
    wrapper = body[body.index(f'for="id_{field}"') :]
    assert message in wrapper[: wrapper.index("</div>")]
    assert "Spring shoot</textarea>" in body
    assert not TimeEntry.objects.exists()


def test_a_draft_or_fixed_price_contract_is_not_offered(login_as, personas, contract):
    draft = make_contract(personas, contract.budget, activate=False, title="Not yet")
    response = login_as(personas.carol).post(TIME, _log(draft))
    assert response.status_code == 400
    assert "Select a valid choice" in text(response)


def test_it_shows_this_months_entries_with_status_and_reasons(login_as, personas, contract):
    log_time(contract, worked_on=date(2025, 3, 3), minutes=60, note="Waiting")
    rejected = log_time(contract, worked_on=date(2025, 3, 4), minutes=60, note="Too much")
    time_entry_reject(entry=rejected, actor=personas.alice, reason="Not agreed")
    log_time(contract, worked_on=date(2025, 2, 27), minutes=60, note="February")

    body = text(login_as(personas.carol).get(TIME))
    assert "Waiting" in body and "Reason: Not agreed" in body
    assert "February" not in body.split('<h2 id="entries-head">', 1)[1].split("</table>")[0]
    assert "February" in text(login_as(personas.carol).get(TIME + "?month=2025-02"))


def test_she_edits_an_entry_until_it_is_reviewed(login_as, personas, contract):
    entry = log_time(contract, worked_on=date(2025, 3, 3), minutes=60)
    client = login_as(personas.carol)
    url = reverse("portal:time-edit", args=[entry.pk])
    assert 'value="1:00"' in text(client.get(url))

    response = client.post(url, {"worked_on": "2025-03-03", "duration": "0:45", "note": "Shorter"})
    entry.refresh_from_db()
    assert response.status_code == 302
    assert (entry.minutes, entry.note) == (45, "Shorter")

    time_entry_approve(entry=entry, actor=personas.alice)
    body = text(client.get(url))
    assert "can no longer change" in body and '<form method="post" novalidate>' not in body
    response = client.post(url, {"worked_on": "2025-03-03", "duration": "5:00", "note": "More"})
    entry.refresh_from_db()
    assert response.status_code == 400
    assert "already been reviewed" in text(response)
    assert entry.minutes == 45


def test_another_contractors_entry_is_404(login_as, personas, contract):
    entry = log_time(contract, worked_on=date(2025, 3, 3), minutes=60)
    client = login_as(personas.dan)
    url = reverse("portal:time-edit", args=[entry.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"worked_on": "2025-03-03", "duration": "9:00", "note": "Mine"}).status_code == 404
    entry.refresh_from_db()
    assert entry.minutes == 60


@pytest.mark.parametrize("persona", ["alice", "bob", "vera", "oscar"])
def test_members_who_are_not_contractors_get_404(login_as, personas, contract, persona):
    assert login_as(getattr(personas, persona)).get(TIME).status_code == 404


def test_without_a_loggable_contract_it_says_so(login_as, personas):
    body = text(login_as(personas.dan).get(TIME))
    assert "You have no active hourly or retainer contract to log time against." in body


def test_its_query_count_does_not_grow_with_the_entries(login_as, personas, contract):
    client = login_as(personas.carol)
    log_time(contract, worked_on=date(2025, 3, 1), minutes=30)
    client.get(TIME)
    with CaptureQueriesContext(connection) as few:
        client.get(TIME)
    for day in range(2, 17):
        log_time(contract, worked_on=date(2025, 3, day), minutes=30)
    with CaptureQueriesContext(connection) as many:
        client.get(TIME)
    assert len(many) == len(few)


def test_today_is_the_contractors_calendar_day_the_rule_checks(login_as, personas, contract, time_machine):
    # 23:30 UTC on Sunday 16 March: her account shows Berlin (already Monday), her working calendar
    # is Lisbon's (still Sunday). The form offers the day she may log, and what it offers is accepted.
    personas.carol.time_zone = "Europe/Berlin"
    personas.carol.save()
    time_machine.move_to("2025-03-16T23:30:00+00:00", tick=False)
    client = login_as(personas.carol)

    page = client.get(TIME)
    offered = page.context["form"].initial["worked_on"]
    response = client.post(TIME, _log(contract, worked_on=offered.isoformat()))

    assert offered == date(2025, 3, 16)
    assert response.status_code == 302 and TimeEntry.objects.get().worked_on == date(2025, 3, 16)


def test_the_only_loggable_contract_is_chosen_and_two_are_left_to_choose(login_as, personas, contract):
    client = login_as(personas.carol)
    assert client.get(TIME).context["form"]["contract"].value() == contract.pk

    make_contract(personas, contract.budget, title="Shop copy")
    assert client.get(TIME).context["form"]["contract"].value() is None
