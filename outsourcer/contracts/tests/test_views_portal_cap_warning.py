"""The portal warns before logging over a contract's weekly cap: the htmx preview under the time
field, and the message after saving (contracts/portal_views.py, page_selectors.time_entry_cap_warning)."""

from datetime import date

import pytest
from django.urls import reverse

from outsourcer.contracts.services import time_entry_reject
from outsourcer.testing.builders import log_time, make_budget, make_contract
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db

PREVIEW = reverse("portal:time-understood")
TIME = reverse("portal:time")


@pytest.fixture
def contract(personas, frozen):
    # 20 h a week; Monday 17 March 2025 is the first day of its ISO week.
    return make_contract(personas, make_budget(personas, amount_cents=10**9), title="Weekly product photos")


def _preview(client, **params):
    return text(client.get(PREVIEW, params))


def test_the_preview_warns_with_the_numbers_when_the_entry_passes_the_cap(login_as, personas, contract):
    log_time(contract, worked_on=date(2025, 3, 17), minutes=18 * 60)
    client = login_as(personas.carol)

    body = _preview(client, duration="3", contract=contract.pk, worked_on="2025-03-17")

    assert "Understood: 3 h" in body
    assert (
        "Over the weekly cap: Weekly product photos allows 20 h a week, and the week of 17 Mar would reach 21 h "
        "(18 h logged + 3 h), 1 h over." in body
    )
    assert "cap-warning" in body


def test_within_the_cap_or_in_another_week_there_is_no_warning(login_as, personas, contract):
    log_time(contract, worked_on=date(2025, 3, 17), minutes=18 * 60)
    client = login_as(personas.carol)

    assert "cap-warning" not in _preview(client, duration="2", contract=contract.pk, worked_on="2025-03-17")
    assert "cap-warning" not in _preview(client, duration="3", contract=contract.pk, worked_on="2025-03-16")


def test_rejected_time_does_not_count_and_an_edited_entry_is_not_counted_twice(login_as, personas, contract):
    entry = log_time(contract, worked_on=date(2025, 3, 17), minutes=18 * 60)
    client = login_as(personas.carol)
    # Editing the 18 h entry itself to 19 h stays within 20 h.
    assert "cap-warning" not in _preview(client, duration="19", entry=entry.pk, worked_on="2025-03-17")
    assert "1 h over" in _preview(client, duration="21", entry=entry.pk, worked_on="2025-03-17")

    time_entry_reject(entry=entry, actor=personas.alice, reason="Too much")
    assert "cap-warning" not in _preview(client, duration="3", contract=contract.pk, worked_on="2025-03-17")


def test_a_preview_with_someone_elses_or_a_broken_contract_just_gives_the_reading(login_as, personas, contract):
    log_time(contract, worked_on=date(2025, 3, 17), minutes=18 * 60)
    for params in ({"contract": contract.pk, "worked_on": "not a day"}, {"contract": "x"}, {"entry": 999_999}):
        body = _preview(login_as(personas.carol), duration="3", **params)
        assert "Understood: 3 h" in body and "cap-warning" not in body
    # Dan is not on this contract: no warning about it, no error either.
    body = _preview(login_as(personas.dan), duration="3", contract=contract.pk, worked_on="2025-03-17")
    assert "Understood: 3 h" in body and "cap-warning" not in body


def test_the_form_asks_for_the_preview_with_the_contract_and_the_day(login_as, personas, contract):
    body = text(login_as(personas.carol).get(TIME))
    assert 'hx-include="#id_contract, #id_worked_on"' in body
    assert "change from:#id_contract" in body


def test_saving_over_the_cap_still_logs_and_says_so(login_as, personas, contract):
    log_time(contract, worked_on=date(2025, 3, 17), minutes=18 * 60)
    client = login_as(personas.carol)

    client.post(TIME, {"contract": contract.pk, "worked_on": "2025-03-17", "duration": "3", "note": ""})

    body = text(client.get(TIME))
    assert "Logged 3 h on Weekly product photos" in body
    assert "flash-warning" in body and "would reach 21 h (18 h logged + 3 h), 1 h over" in body


def test_the_edit_form_previews_against_the_entry_being_edited(login_as, personas, contract):
    entry = log_time(contract, worked_on=date(2025, 3, 17), minutes=60)
    body = text(login_as(personas.carol).get(reverse("portal:time-edit", args=[entry.pk])))
    assert f'hx-vals="{{&quot;entry&quot;: {entry.pk}}}"' in body
