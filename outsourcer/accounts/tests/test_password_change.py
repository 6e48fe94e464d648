import pytest
from django.urls import reverse

from outsourcer.testing.factories import PASSWORD

URL = reverse("accounts:password-change")
NEW = "a much longer passphrase 7"

pytestmark = pytest.mark.django_db


def test_it_changes_the_password_and_keeps_the_session(login_as, personas):
    client = login_as(personas.bob)
    response = client.post(URL, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})

    personas.bob.refresh_from_db()
    assert response.url == reverse("accounts:password-change-done")
    assert personas.bob.check_password(NEW)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_it_needs_the_current_password(login_as, personas):
    response = login_as(personas.bob).post(URL, {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW})

    personas.bob.refresh_from_db()
    assert response.status_code == 200
    assert b"Your old password was entered incorrectly" in response.content
    assert personas.bob.check_password(PASSWORD)


def test_it_refuses_a_weak_new_password(login_as, personas):
    response = login_as(personas.bob).post(
        URL, {"old_password": PASSWORD, "new_password1": "12345678901", "new_password2": "12345678901"}
    )
    assert response.status_code == 200
    assert b"entirely numeric" in response.content


def test_it_revokes_api_tokens_when_asked_and_records_it(login_as, personas):
    from outsourcer.accounts.models import ApiToken
    from outsourcer.accounts.services import api_token_create
    from outsourcer.audit.models import Event

    api_token_create(user=personas.bob, name="sync", organization=personas.org)
    client = login_as(personas.bob)

    client.post(URL, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW, "revoke_api_tokens": "on"})

    assert not ApiToken.objects.filter(user=personas.bob, revoked_at=None).exists()
    assert Event.objects.filter(actor=personas.bob, action="api_token_revoked", reason="password changed").exists()


def test_it_keeps_api_tokens_unless_asked(login_as, personas):
    from outsourcer.accounts.models import ApiToken
    from outsourcer.accounts.services import api_token_create

    api_token_create(user=personas.bob, name="sync", organization=personas.org)

    login_as(personas.bob).post(URL, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})

    assert ApiToken.objects.filter(user=personas.bob, revoked_at=None).count() == 1
