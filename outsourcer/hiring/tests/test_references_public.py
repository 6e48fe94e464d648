"""The referee's questionnaire: no login, works once, says clearly when reused, expired or invalid."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from outsourcer.hiring.models import ReferenceCheck, ReferenceStatus
from outsourcer.hiring.tokens import SALT, token_make
from outsourcer.notifications.models import Notification
from outsourcer.testing.fixtures import text
from outsourcer.testing.references import insert_reference, referee_with_token, reference_token

pytestmark = pytest.mark.django_db

FORM = {
    "worked_together_months": "18",
    "reliability": "5",
    "quality": "4",
    "communication": "4",
    "would_hire_again": "yes",
    "comments": "Careful <b>and</b> quick.",
}


def _url(token: str) -> str:
    return reverse("hiring-public:reference-answer", kwargs={"token": token})


@pytest.fixture
def referee(personas):
    return referee_with_token(personas)


def test_it_shows_only_who_asks_about_whom(client, referee, personas):
    reference, token = referee
    response = client.get(_url(token))

    page = text(response)
    assert response.status_code == 200
    assert "Crumb &amp; Co. asks about Carol Contractor" in page
    # Nothing else of the organization, and no way into the app.
    assert "Great with light" not in page and personas.bob.email not in page
    assert "/o/" not in page and 'href="/"' not in page and "Log in" not in page
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]


def test_it_records_the_answer_and_works_once(client, referee, personas):
    reference, token = referee
    response = client.post(_url(token), FORM)

    assert response.status_code == 200
    assert "Thank you" in text(response)
    assert response["Referrer-Policy"] == "no-referrer"
    reference.refresh_from_db()
    assert (reference.status, reference.reliability, reference.would_hire_again) == ("received", 5, True)
    assert reference.comments == "Careful <b>and</b> quick."
    assert Notification.objects.filter(user=personas.bob, kind="reference_received").count() == 1

    again = client.get(_url(token))
    assert again.status_code == 410
    assert "Already answered — thank you" in text(again)
    resent = client.post(_url(token), {**FORM, "reliability": "1"})
    assert resent.status_code == 410
    reference.refresh_from_db()
    assert reference.reliability == 5


def test_an_expired_link_says_so(client, personas, time_machine):
    reference, token = referee_with_token(personas)
    time_machine.move_to(reference.expires_at + timedelta(seconds=1))
    response = client.get(_url(token))
    assert response.status_code == 410
    assert "This link has expired" in text(response)
    assert client.post(_url(token), FORM).status_code == 410


def test_a_request_marked_expired_says_so(client, personas):
    reference = insert_reference(personas.carol_engagement, status=ReferenceStatus.EXPIRED)
    response = client.get(_url(reference_token(reference, nonce="0" * 32)))
    assert response.status_code == 410
    assert "This link has expired" in text(response)


def test_a_link_older_than_its_lifetime_is_expired_even_if_the_row_says_otherwise(client, personas, time_machine):
    reference, token = referee_with_token(personas)
    ReferenceCheck.objects.filter(pk=reference.pk).update(expires_at=reference.expires_at + timedelta(days=30))
    time_machine.move_to(reference.requested_at + timedelta(days=15))
    assert client.get(_url(token)).status_code == 410


@pytest.mark.parametrize(
    "make_token",
    [
        lambda r: reference_token(r)[:-3] + "xyz",  # tampered signature
        lambda r: reference_token(r, nonce="f" * 32),  # a nonce that is not the row's
        lambda r: token_make(kind="job_share", row_id=r.pk, nonce=r.token_nonce),  # another kind's token
        lambda r: token_make(kind="reference", row_id=r.pk + 1000, nonce=r.token_nonce),  # no such request
        lambda r: signing.dumps({"k": "reference", "i": str(r.pk), "n": r.token_nonce}, salt=SALT),  # odd payload
        lambda r: signing.dumps({"k": "reference", "i": r.pk, "n": r.token_nonce}, salt="another"),  # other salt
        lambda r: "not-a-token",
        lambda r: "x" * 3000,
    ],
    ids=["tampered", "stale-nonce", "other-kind", "unknown-row", "odd-payload", "other-salt", "garbage", "long"],
)
def test_an_invalid_link_is_a_clear_404(client, referee, make_token):
    reference, _ = referee
    response = client.get(_url(make_token(reference)))
    assert response.status_code == 404
    assert "This link does not work" in text(response)
    post = client.post(_url(make_token(reference)), FORM)
    assert post.status_code == 404
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.REQUESTED


def test_errors_keep_what_was_typed(client, referee):
    reference, token = referee
    response = client.post(_url(token), {**FORM, "reliability": "9", "comments": "Kept as typed"})

    page = text(response)
    assert response.status_code == 400
    assert "Kept as typed" in page
    assert 'value="18"' in page
    assert "Select a valid choice" in page or "Choose a score" in page
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.REQUESTED


@pytest.mark.parametrize(
    ("field", "value"),
    [("comments", "x" * 5001), ("worked_together_months", "601"), ("worked_together_months", "-1"),
     ("comments", "a\x00b"), ("would_hire_again", "maybe"), ("quality", "")],
)  # fmt: skip
def test_every_field_has_limits(client, referee, field, value):
    reference, token = referee
    response = client.post(_url(token), {**FORM, field: value})
    assert response.status_code == 400
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.REQUESTED


def test_a_signed_in_member_sees_the_same_bare_page(login_as, referee, personas):
    reference, token = referee
    response = login_as(personas.alice).get(_url(token))
    assert response.status_code == 200
    assert "/o/crumb/" not in text(response)


def test_it_refuses_other_methods(client, referee):
    _, token = referee
    assert client.put(_url(token)).status_code == 405


def _csrf(client, url) -> str:
    client.get(url)
    return client.cookies["csrftoken"].value


def test_the_post_from_a_no_referrer_page_passes_csrf_with_its_token(referee):
    # A page with Referrer-Policy: no-referrer makes the browser send `Origin: null` on its POST.
    reference, token = referee
    client = Client(enforce_csrf_checks=True)
    csrf = _csrf(client, _url(token))
    response = client.post(_url(token), {**FORM, "csrfmiddlewaretoken": csrf}, headers={"Origin": "null"})
    assert response.status_code == 200
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.RECEIVED


@pytest.mark.parametrize(
    ("origin", "with_token"), [("null", False), ("https://evil.example", True), ("https://evil.example", False)]
)
def test_a_forged_post_is_refused(referee, origin, with_token):
    reference, token = referee
    client = Client(enforce_csrf_checks=True)
    csrf = _csrf(client, _url(token))
    data = {**FORM, "csrfmiddlewaretoken": csrf} if with_token else FORM
    assert client.post(_url(token), data, headers={"Origin": origin}).status_code == 403
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.REQUESTED
