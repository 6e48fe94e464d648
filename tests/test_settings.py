"""Settings a deployment relies on, read the way production reads them (a fresh process)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'hashers': settings.PASSWORD_HASHERS, 'session': settings.SESSION_COOKIE_NAME, "
    "'csrf': settings.CSRF_COOKIE_NAME, 'csp': bool(settings.SECURE_CSP), 'debug': settings.DEBUG, "
    "'db': settings.DATABASES['default']['ENGINE'], "
    "'whitenoise': any('whitenoise' in m for m in settings.MIDDLEWARE)}))"
)


def _settings(**env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_development_needs_only_debug_on_and_uses_sqlite():
    settings = _settings(DEBUG="true")

    assert settings["debug"] is True
    assert settings["db"] == "django.db.backends.sqlite3"


def test_debug_is_off_when_the_variable_is_missing():
    settings = _settings(SECRET_KEY="k3y-" + "a1b2c3d4e5f6g7h8i9j0" * 3, ALLOWED_HOSTS="outsourcer.example")

    assert settings["debug"] is False
    assert settings["session"] == "__Host-sessionid"


def test_passwords_are_hashed_with_argon2():
    assert _settings(DEBUG="true")["hashers"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_production_uses_host_only_cookies_a_csp_and_static_files_from_whitenoise():
    settings = _settings(
        DEBUG="false",
        SECRET_KEY="k3y-" + "a1b2c3d4e5f6g7h8i9j0" * 3,
        ALLOWED_HOSTS="outsourcer.example",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/outsourcer",
    )

    assert settings["session"] == "__Host-sessionid"
    assert settings["csrf"] == "__Host-csrftoken"
    assert settings["csp"] is True
    assert settings["whitenoise"] is True
    assert settings["db"] == "outsourcer.lib.postgresql"  # Django's, health check without a round trip


def test_production_refuses_to_start_without_a_secret_key():
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY"}}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="false")
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def _refused(**env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    return subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True)


def test_it_refuses_to_start_with_no_variables_at_all():
    # The public development key must never run with DEBUG off: a missing DEBUG is not "on".
    result = _refused()

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_with_the_public_development_key():
    from config.settings import DEVELOPMENT_SECRET_KEY

    result = _refused(DEBUG="false", SECRET_KEY=DEVELOPMENT_SECRET_KEY)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_to_start_with_a_trusted_proxy_that_is_not_an_address():
    result = _refused(DEBUG="true", TRUSTED_PROXIES="127.0.0.1, nginx.local")

    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr
