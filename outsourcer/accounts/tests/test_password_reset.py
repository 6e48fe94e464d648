import re

import pytest
from django.core import mail
from django.urls import reverse

NEW = "a much longer passphrase 7"

pytestmark = pytest.mark.django_db


def _reset_link(body: str) -> str:
    return re.search(r"http://testserver(/accounts/password/reset/\S+)", body).group(1)


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
