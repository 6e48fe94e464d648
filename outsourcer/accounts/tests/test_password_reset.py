import re

import pytest
from django.core import mail
from django.urls import reverse

NEW = "a much longer passphrase 7"

pytestmark = pytest.mark.django_db


def _reset_link(body: str) -> str:
    return re.search(r"https?://\S+?(/accounts/password/reset/\S+)", body).group(1)


def test_it_mails_a_link_that_sets_a_new_password(client, personas):
    response = client.post(reverse("accounts:password-reset"), {"email": "Carol@Studio.example"})

    assert response.url == reverse("accounts:password-reset-done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["carol@studio.example"]
    assert mail.outbox[0].subject == "Reset your Outsourcer password"

    form_url = client.get(_reset_link(mail.outbox[0].body), follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})

    personas.carol.refresh_from_db()
    assert response.url == reverse("accounts:password-reset-complete")
    assert personas.carol.check_password(NEW)


def test_it_does_not_reveal_whether_an_account_exists(client, db):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.com"})

    assert response.url == reverse("accounts:password-reset-done")
    assert mail.outbox == []


def test_a_used_link_no_longer_works(client, personas):
    client.post(reverse("accounts:password-reset"), {"email": "carol@studio.example"})
    link = _reset_link(mail.outbox[0].body)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW, "new_password2": NEW})

    response = client.get(link, follow=True)

    assert b"This link no longer works" in response.content


def test_a_forged_link_explains_itself(client, db):
    response = client.get(reverse("accounts:password-reset-confirm", args=["MQ", "bad-token"]))
    assert response.status_code == 200
    assert b"This link no longer works" in response.content


def test_the_link_is_built_from_site_url_not_the_host_header(client, personas, settings):
    settings.SITE_URL = "https://outsourcer.example"
    settings.ALLOWED_HOSTS = ["attacker.example"]

    client.post(reverse("accounts:password-reset"), {"email": "carol@studio.example"}, HTTP_HOST="attacker.example")

    body = mail.outbox[0].body
    assert "https://outsourcer.example/accounts/password/reset/" in body
    assert "attacker.example" not in body


def test_reset_revokes_api_tokens_by_default_and_records_it(client, personas):
    from outsourcer.accounts.models import ApiToken
    from outsourcer.accounts.services import api_token_create
    from outsourcer.audit.models import Event

    api_token_create(user=personas.carol, name="sync")
    client.post(reverse("accounts:password-reset"), {"email": "carol@studio.example"})
    form_url = client.get(_reset_link(mail.outbox[0].body), follow=True).redirect_chain[-1][0]
    page = client.get(form_url).content.decode()
    assert 'name="revoke_api_tokens"' in page and "checked" in page

    client.post(form_url, {"new_password1": NEW, "new_password2": NEW, "revoke_api_tokens": "on"})

    assert not ApiToken.objects.filter(user=personas.carol, revoked_at=None).exists()
    actions = set(Event.objects.filter(actor=personas.carol).values_list("action", flat=True))
    assert {"api_token_revoked", "password_reset"} <= actions


def test_reset_requests_are_throttled_per_email(client, personas):
    for _ in range(3):
        assert client.post(reverse("accounts:password-reset"), {"email": "carol@studio.example"}).status_code == 302

    response = client.post(reverse("accounts:password-reset"), {"email": "carol@studio.example"})

    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert len(mail.outbox) == 3


def test_reset_requests_are_throttled_per_address(client, db):
    for n in range(10):
        client.post(
            reverse("accounts:password-reset"), {"email": f"someone{n}@example.com"}, REMOTE_ADDR="198.51.100.9"
        )

    response = client.post(
        reverse("accounts:password-reset"), {"email": "another@example.com"}, REMOTE_ADDR="198.51.100.9"
    )

    assert response.status_code == 429
