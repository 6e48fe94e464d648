"""Every way to log in goes through the one login throttle: Django's admin login too
(docs/security.md, "Throttling rule")."""

import pytest
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory

from outsourcer.testing.factories import PASSWORD, UserFactory

ADMIN_LOGIN = "/admin/login/?next=/admin/"
IP = "203.0.113.7"


def _admin_post(client: Client, email: str, password: str):
    return client.post(ADMIN_LOGIN, {"username": email, "password": password}, REMOTE_ADDR=IP)


@pytest.fixture
def staff():
    return UserFactory(email="root@crumb.example", is_staff=True, is_superuser=True)


@pytest.mark.django_db
def test_it_refuses_the_right_password_on_the_admin_after_five_failures(client, staff):
    for _ in range(5):
        assert _admin_post(client, staff.email, "guess").status_code == 200

    response = _admin_post(client, staff.email, PASSWORD)

    assert "_auth_user_id" not in client.session
    assert response.status_code == 200  # the admin's own form shows its generic error


@pytest.mark.django_db
def test_a_lockout_on_the_accounts_page_also_holds_on_the_admin(client, staff):
    for _ in range(5):
        client.post("/accounts/login/", {"email": staff.email, "password": "guess"}, REMOTE_ADDR=IP)
    assert (
        client.post("/accounts/login/", {"email": staff.email, "password": PASSWORD}, REMOTE_ADDR=IP).status_code == 429
    )

    _admin_post(client, staff.email, PASSWORD)

    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_failures_count_towards_the_accounts_page_lockout(client, staff):
    for _ in range(5):
        _admin_post(client, staff.email, "guess")

    response = client.post("/accounts/login/", {"email": staff.email, "password": PASSWORD}, REMOTE_ADDR=IP)

    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()


@pytest.mark.django_db
def test_the_backend_itself_refuses_once_locked_out(staff):
    request = RequestFactory().post("/anything", REMOTE_ADDR=IP)
    for _ in range(5):
        assert authenticate(request, email=staff.email, password="guess") is None

    assert authenticate(request, email=staff.email, password=PASSWORD) is None
    assert request.login_lockout_minutes == 15


@pytest.mark.django_db
def test_a_successful_admin_login_clears_the_counter(client, staff):
    for _ in range(4):
        _admin_post(client, staff.email, "guess")
    _admin_post(client, staff.email, PASSWORD)
    client.logout()

    for _ in range(4):
        _admin_post(client, staff.email, "guess")
    _admin_post(client, staff.email, PASSWORD)

    assert client.session["_auth_user_id"] == str(staff.pk)


@pytest.mark.django_db(transaction=True)
def test_the_async_authentication_path_is_throttled_too():
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from django.contrib.auth import aauthenticate

    staff = UserFactory(email="async@crumb.example")
    request = RequestFactory().post("/anything", REMOTE_ADDR=IP)

    async def attempts():
        for _ in range(5):
            await aauthenticate(request, email=staff.email, password="guess")
        return await aauthenticate(request, email=staff.email, password=PASSWORD)

    # A fresh thread has no event loop: Playwright's sync API may have left one running in this
    # worker's main thread (a browser test before this one), where asyncio.run() would refuse.
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, attempts()).result() is None
    assert request.login_lockout_minutes == 15
