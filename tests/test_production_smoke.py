"""Production configuration, end to end: `check --deploy` and gunicorn serving pages with DEBUG off.

Both tests run the project in subprocesses with production settings (DEBUG=false, a real SECRET_KEY);
the gunicorn one runs in make test's PostgreSQL run, against that run's migrated test database
(skipped on SQLite, failing when OUTSOURCER_REQUIRE_POSTGRES=1 and the database is not PostgreSQL).
"""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _production_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "DJANGO_ALLOW_ASYNC"))}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="example.com",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def _manage(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_check_deploy_passes_with_production_settings():
    result = _manage(_production_env(), "check", "--deploy", "--fail-level", "WARNING", timeout=60)
    assert result.returncode == 0, f"check --deploy failed:\n{result.stdout}\n{result.stderr}"


# --- gunicorn against PostgreSQL ---------------------------------------------------------------------


@pytest.fixture
def suite_postgres_url(django_db_setup) -> str:
    """The URL of this worker's test database, migrated by pytest-django from the migrations (which is
    what `manage.py migrate` does on a deployment): the test reads pages that need no rows, so it
    shares the database instead of migrating a second one (half a minute). PostgreSQL only: make
    test's PostgreSQL run has it; the SQLite run skips the test."""
    if connection.vendor != "postgresql":
        if os.environ.get("OUTSOURCER_REQUIRE_POSTGRES") == "1":
            pytest.fail("OUTSOURCER_REQUIRE_POSTGRES=1 but the test database is not PostgreSQL")
        pytest.skip("gunicorn is smoke-tested against PostgreSQL, in make test's PostgreSQL run")
    return _with_db(os.environ["DATABASE_URL"], connection.settings_dict["NAME"])


def _with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"gunicorn did not listen on {port} within {timeout} s:\n{log.read_text()}")


def _get(url: str, log: Path):
    # As behind the TLS-terminating proxy of docs/deploy.md.
    request = urllib.request.Request(url, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
    try:
        # Generous: the first request imports the whole app, and CI machines have two busy cores.
        return urllib.request.urlopen(request, timeout=60)
    except urllib.error.HTTPError as error:
        body = error.read().decode(errors="replace")[:1000]
        pytest.fail(f"GET {url} -> {error.code}\n{body}\n--- gunicorn log ---\n{log.read_text()[-3000:]}")


@pytest.mark.postgres_only
def test_gunicorn_serves_login_and_openapi_with_debug_off(suite_postgres_url, tmp_path):
    static_root = tmp_path / "static"
    env = _production_env(
        DATABASE_URL=suite_postgres_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(tmp_path / "media"),
        SECURE_SSL_REDIRECT="false",
        STATIC_COMPRESS="false",  # the gzip and Brotli copies cost a minute and are WhiteNoise's own
    )
    result = _manage(env, "collectstatic", "--noinput")
    assert result.returncode == 0, f"manage.py collectstatic failed:\n{result.stdout}\n{result.stderr}"
    assert (static_root / "staticfiles.json").exists(), "collectstatic wrote no manifest"

    port = _free_port()
    log = tmp_path / "gunicorn.log"
    command = [str(BIN / "gunicorn"), "config.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}", "--timeout", "120"]
    command.append("--no-control-socket")  # its default path is per user: parallel runs would share it
    with log.open("w") as log_file:
        gunicorn = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_port(port, gunicorn, log)
        base = f"http://127.0.0.1:{port}"

        with _get(f"{base}/accounts/login/", log) as response:
            assert response.status == 200
            assert response.headers.get("Content-Security-Policy"), "no Content-Security-Policy header"
            assert response.headers.get("Strict-Transport-Security"), "no HSTS header behind an HTTPS proxy"
            for cookie in response.headers.get_all("Set-Cookie") or []:
                assert "secure" in cookie.lower(), f"cookie without Secure: {cookie}"
                if "csrftoken" in cookie.split("=", 1)[0]:
                    assert cookie.startswith("__Host-csrftoken="), f"CSRF cookie is not __Host- prefixed: {cookie}"
            assert b"<form" in response.read()

        with _get(f"{base}/api/v1/openapi.json", log) as response:
            assert response.status == 200
            assert "openapi" in json.loads(response.read())
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=10)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
            gunicorn.wait()
