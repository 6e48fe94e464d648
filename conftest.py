import os

import pytest
from django.db import connection

from outsourcer.testing.personas import Personas, make_personas

# pytest-django's live_server runs in a thread next to Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_hashing_and_memory_email(settings):
    # Argon2 is the production hasher (tests/test_settings.py checks it); tests use a fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def personas(db) -> Personas:
    return make_personas()


@pytest.fixture
def login_as(client):
    """`login_as(user)` logs the test client in and returns it."""

    def _login(user):
        client.force_login(user, backend="outsourcer.accounts.backends.EmailBackend")
        return client

    return _login


def pytest_sessionstart(session):
    if os.environ.get("OUTSOURCER_REQUIRE_POSTGRES") == "1" and "postgres" not in os.environ.get("DATABASE_URL", ""):
        pytest.exit("OUTSOURCER_REQUIRE_POSTGRES=1 but DATABASE_URL does not point to PostgreSQL", returncode=3)


@pytest.fixture
def is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- browser journeys (Playwright driving Debian's Chromium) ------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium` (make test does)."
        if os.environ.get("OUTSOURCER_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
        ],
    }  # fmt: skip
