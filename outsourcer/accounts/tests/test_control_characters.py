"""Control characters never reach single-line text (docs/security.md): a budget named with
U+202E, a member name with CR/LF — stripped by the form layer and by the API's text type."""

import pytest
from django.urls import reverse

from outsourcer.budgets.models import Budget
from outsourcer.lib.plain_text import strip_controls

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Ads\u202e gpj.exe", "Ads gpj.exe"),
        ("Bob\r\nBcc: mallory@example.com", "Bob  Bcc: mallory@example.com"),
        ("a\u2066b\u2069c\u202ad\u202ce", "abcde"),
        ("zero\u200bwidth\u00adsoft", "zerowidthsoft"),
        ("line\u2028sep", "line sep"),
        ("Zoë Ångström", "Zoë Ångström"),
    ],
)
def test_strip_controls_leaves_one_line_of_visible_text(raw, clean):
    assert strip_controls(raw) == clean


def test_multiline_text_keeps_its_line_breaks_but_not_bidi_controls():
    assert strip_controls("one\r\ntwo\u202e", multiline=True) == "one\r\ntwo"


def test_the_profile_form_strips_cr_lf_from_the_name(login_as, personas):
    client = login_as(personas.bob)

    client.post(reverse("accounts:profile"), {"name": "Bob\r\nBcc: mallory@example.com", "time_zone": "UTC"})

    personas.bob.refresh_from_db()
    assert personas.bob.name == "Bob  Bcc: mallory@example.com"


def test_the_budget_form_strips_bidi_controls(login_as, personas, org_url):
    client = login_as(personas.alice)

    client.post(
        org_url("budgets:create"),
        {"name": "Ads\u202e gpj.exe", "period": "monthly", "currency": "EUR", "amount": "100",
         "starts_on": "2025-01-01", "thresholds": "50, 80, 100"},
    )  # fmt: skip

    assert Budget.objects.get(organization=personas.org).name == "Ads gpj.exe"


def test_the_api_text_type_strips_bidi_controls(api_as, personas):
    response = api_as(personas.alice).post(
        "/budgets",
        {"name": "Ads\u202e gpj.exe", "period": "monthly", "starts_on": "2025-01-01", "amount_cents": 100_00,
         "currency": "EUR"},
    )  # fmt: skip

    assert response.status_code == 201, response.json()
    assert response.json()["name"] == "Ads gpj.exe"


def test_the_api_text_type_keeps_line_breaks_in_long_text(api_as, personas):
    response = api_as(personas.alice).patch(
        f"/contractors/{personas.carol_engagement.pk}", {"notes": "line one\nline two\u202e"}
    )

    assert response.status_code == 200, response.json()
    assert response.json()["notes"] == "line one\nline two"
