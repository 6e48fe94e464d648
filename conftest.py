import os

import pytest
import time_machine
from django.db import connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from playwright.sync_api import expect

from outsourcer.testing.clock import TEST_TODAY_VARIABLE, default_test_today, parse_test_today
from outsourcer.testing.personas import Personas, make_personas

pytest_plugins = ["outsourcer.testing.fixtures"]

# Property tests share two cores with the other pytest worker, PostgreSQL and Chromium: generating
# examples may be slow there, which says nothing about the code. Deadlines are off per test already.
hypothesis_settings.register_profile("outsourcer", suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("outsourcer")

# pytest-django's live_server runs in a thread next to Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# --- the clock (docs/testing.md) ------------------------------------------------------------------
# Every test starts at the same instant: TEST_TODAY when set, else the moment the run began. The
# controller fixes it before pytest-xdist starts its workers, so they inherit one value, and the
# header prints it, so any run can be replayed with `TEST_TODAY=… make test`.


def pytest_configure(config):
    os.environ.setdefault(TEST_TODAY_VARIABLE, default_test_today())
    # Fail at start-up, not in 900 tests, when the value cannot be read.
    parse_test_today(os.environ[TEST_TODAY_VARIABLE])


def pytest_report_header(config):
    value = os.environ[TEST_TODAY_VARIABLE]
    return [
        f"clock: every test starts at {parse_test_today(value).isoformat()} (ticking); "
        f"replay with {TEST_TODAY_VARIABLE}={value} TZ={os.environ.get('TZ', '')}"
    ]


@pytest.fixture(autouse=True)
def _frozen_clock():
    """Travel to TEST_TODAY for every test, the clock ticking from there. Tests that need another
    moment travel again inside (the `time_machine` fixture) and come back here afterwards."""
    with time_machine.travel(parse_test_today(os.environ[TEST_TODAY_VARIABLE]), tick=True):
        yield


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

# Assertions wait up to 15 s (Playwright's default is 5): on a two-core CI machine running two
# pytest workers, a page with its htmx requests can take longer than 5 s to settle; a journey that
# is really broken still fails, only later.
expect.set_options(timeout=15_000)


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
