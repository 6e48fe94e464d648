import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from outsourcer.accounts.models import Membership, Organization, User
from outsourcer.accounts.services import invitation_token, member_invite
from outsourcer.audit.models import Event

URL = reverse("accounts:signup")
VALID = {
    "name": "Nina Baker",
    "email": "Nina@Bakery.example",
    "password": "flour and water 42",
    "organization_name": "Nina's Bakery",
    "currency": "EUR — euro",
    "time_zone": "Europe/Lisbon — Lisbon, Portugal (UTC+0)",
}

pytestmark = pytest.mark.django_db


def test_it_shows_the_form(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert b'name="organization_name"' in response.content


def _confirm_link(body: str) -> str:
    return re.search(r"https?://\S+?(/accounts/signup/confirm/\S+/)", body).group(1)


def test_it_creates_the_account_and_its_organization_once_the_address_is_confirmed(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, VALID)

    user = User.objects.get(email="nina@bakery.example")
    organization = Organization.objects.get(name="Nina's Bakery")
    assert response.status_code == 200
    assert b"Check your inbox" in response.content
    assert not user.is_active
    assert mail.outbox[0].to == ["nina@bakery.example"]
    assert client.get(reverse("orgs:home", args=[organization.slug])).status_code == 302  # not logged in

    link = _confirm_link(mail.outbox[0].body)
    assert client.get(link).status_code == 200  # a page with a button: a mail scanner logs no one in
    response = client.post(link)

    user.refresh_from_db()
    assert user.is_active
    assert response.url == reverse("orgs:home", args=[organization.slug])
    assert Membership.objects.get(user=user, organization=organization).role == "owner"
    assert Event.objects.filter(action="organization_created", organization=organization, actor=user).exists()
    assert client.get(response.url).status_code == 200  # logged in


def test_an_unconfirmed_account_cannot_log_in(client):
    client.post(URL, VALID)

    response = client.post(reverse("accounts:login"), {"email": VALID["email"], "password": VALID["password"]})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_forged_confirmation_link_is_refused(client):
    assert client.post(reverse("accounts:signup-confirm", args=["forged"])).status_code == 404


def test_it_keeps_what_was_typed_when_the_password_is_weak(client):
    response = client.post(URL, {**VALID, "password": "password123"})

    assert response.status_code == 400
    assert b"too common" in response.content
    assert b'value="Nina&#x27;s Bakery"' in response.content
    assert not User.objects.exists()
    assert not Organization.objects.exists()


def _page(response) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "<csrf>", response.content.decode())


def test_it_answers_the_same_for_an_e_mail_that_has_an_account_and_tells_its_owner(
    client, personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        new = Client().post(URL, {**VALID, "email": "nina@bakery.example"})
        taken = client.post(URL, {**VALID, "email": "alice@crumb.example"})

    assert taken.status_code == new.status_code == 200
    assert _page(taken).replace("alice@crumb.example", "nina@bakery.example") == _page(new)
    assert not Organization.objects.filter(name="Nina's Bakery", memberships__user=personas.alice).exists()
    assert mail.outbox[-1].to == ["alice@crumb.example"]
    assert "You already have one" in mail.outbox[-1].body
    assert "/accounts/password/reset/" in mail.outbox[-1].body


def test_it_requires_a_business_name(client):
    response = client.post(URL, {**VALID, "organization_name": "   "})

    assert response.status_code == 400
    assert b"This field is required" in response.content
    assert not User.objects.exists()


def test_it_rejects_nul_characters(client):
    response = client.post(URL, {**VALID, "name": "Ni\x00na"})

    assert response.status_code == 400
    assert not User.objects.exists()


def test_it_gives_two_businesses_with_one_name_different_addresses(client):
    client.post(URL, VALID)
    client.post(reverse("accounts:logout"))
    client.post(URL, {**VALID, "email": "other@bakery.example"})

    assert sorted(Organization.objects.values_list("slug", flat=True)) == ["ninas-bakery", "ninas-bakery-2"]


def test_sign_ups_are_throttled_per_address(client):
    for n in range(10):
        client.post(URL, {**VALID, "email": f"nina{n}@bakery.example"}, REMOTE_ADDR="198.51.100.9")
        client.post(reverse("accounts:logout"))

    response = client.post(URL, {**VALID, "email": "late@bakery.example"}, REMOTE_ADDR="198.51.100.9")

    assert response.status_code == 429
    assert b"Too many requests" in response.content
    assert not User.objects.filter(email="late@bakery.example").exists()


def test_sign_ups_are_throttled_per_e_mail(client, personas):
    for n in range(3):
        Client().post(URL, {**VALID, "email": "alice@crumb.example"}, REMOTE_ADDR=f"198.51.100.{n}")

    response = client.post(URL, {**VALID, "email": "alice@crumb.example"}, REMOTE_ADDR="203.0.113.50")

    assert response.status_code == 429


def test_an_invitation_to_an_unconfirmed_address_confirms_it_and_lets_the_invitee_join(client, personas):
    # Nina signed up but never clicked her confirmation link; then Alice invites her. The invitation
    # reached her inbox just as the confirmation would have, so it may confirm the address.
    client.post(URL, VALID)
    invitation = member_invite(
        organization=personas.org, invited_by=personas.alice, email="nina@bakery.example", role="manager"
    )
    page = reverse("accounts:invitation-accept", args=[invitation_token(invitation)])

    assert b"Confirm nina@bakery.example and log in" in client.get(page).content
    response = client.post(page)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert User.objects.get(email="nina@bakery.example").is_active
    login = client.post(reverse("accounts:login"), {"email": VALID["email"], "password": VALID["password"]})
    assert login.status_code == 302
    client.post(page)
    assert Membership.objects.get(user__email="nina@bakery.example", organization=personas.org).role == "manager"


def test_it_shows_every_problem_at_once(client):
    # A weak password is the service's to judge: it is told together with the form's own problems.
    response = client.post(
        URL,
        {"name": "", "email": "nina@", "password": "password123", "organization_name": "", "currency": "Doubloons",
         "time_zone": "Factory"},
    )  # fmt: skip

    body = response.content.decode()
    assert response.status_code == 400
    assert body.count('class="errorlist') == 6
    assert "too common" in body and "Enter a valid email address" in body
    assert "Choose a time zone such as Europe/Berlin" in body and "Choose an ISO 4217 currency" in body
    assert 'value="Doubloons"' in body and 'value="Factory"' in body
    assert not User.objects.exists()


def test_it_creates_the_organization_in_the_currency_and_zone_chosen(client):
    client.post(URL, {**VALID, "currency": "gbp", "time_zone": "Asia/Calcutta"})

    organization = Organization.objects.get(name="Nina's Bakery")
    assert (organization.currency, organization.time_zone) == ("GBP", "Asia/Kolkata")
    assert User.objects.get(email="nina@bakery.example").time_zone == "Asia/Kolkata"


def test_it_guesses_the_currency_from_the_browser_language_and_says_so(client):
    body = client.get(URL, headers={"accept-language": "pt-PT,pt;q=0.9,en;q=0.8"}).content.decode()

    assert 'name="currency" value="EUR — euro"' in body
    assert "We guessed EUR — euro from your browser&#x27;s language (pt-PT)" in body
    # The time zone is guessed in the browser (static/js/guess.js): the page asks for it, empty.
    assert 'data-guess="time-zone"' in body and 'id="id_time_zone_guess"' in body


def test_it_leaves_the_currency_to_choose_when_the_language_names_no_country(client):
    body = client.get(URL, headers={"accept-language": "en"}).content.decode()

    assert "We guessed" not in body and '<input type="text" name="currency" autocomplete' in body
