"""Settings for Outsourcer, read from the environment.

The safe value is the default: DEBUG is off unless DEBUG=true, and then a real SECRET_KEY is
required. Development (`make run`, the tests) sets DEBUG=true and needs nothing else (SQLite,
console e-mail, a development key). Production sets SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL;
see docs/deploy.md.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Public (it is in the repository): anyone could sign sessions, reset links and invitations with it.
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdefghij"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not DEBUG and SECRET_KEY in ("", DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a secret value when DEBUG is off (DEBUG=true for development)."
    )
SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "ninja",  # serves the API docs assets locally (the CSP forbids the CDN)
    "outsourcer.accounts",
    "outsourcer.audit",
    "outsourcer.contractors",
    "outsourcer.notifications",
    "outsourcer.budgets",
    "outsourcer.contracts",
    "outsourcer.messaging",  # below hiring and work: their threads (lazy FKs to Task and Job)
    "outsourcer.similar",
    "outsourcer.hiring",
    "outsourcer.work",
    "outsourcer.oversight",
    "outsourcer.home",  # above every domain: home page, nav workspace, demo, scheduler
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "outsourcer.accounts.middleware.SessionUserMiddleware",  # Django's, the user read with the session
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "outsourcer.accounts.middleware.TimezoneMiddleware",
]

if not DEBUG:
    # Production serves collected static files itself (docs/deploy.md); in development
    # runserver serves them from the source folders, and there is no STATIC_ROOT to read.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "outsourcer.home.context_processors.workspace",
            ],
            "libraries": {"display": "outsourcer.lib.display"},
            # {% url %} and |date with a cache of their answers, {% extends %} finding the root's
            # blocks once, in every template (outsourcer/lib/urltags.py, datefilter.py, extendstag.py).
            "builtins": ["outsourcer.lib.urltags", "outsourcer.lib.datefilter", "outsourcer.lib.extendstag"],
        },
    },
]

# Django's form renderer with <select> written in Python (outsourcer/lib/forms.py).
FORM_RENDERER = "outsourcer.lib.forms.FormRenderer"

# SQLite by default; DATABASE_URL (postgres://…) switches to PostgreSQL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Django's, with the health check of a reused connection done without a round trip.
        DATABASES["default"]["ENGINE"] = "outsourcer.lib.postgresql"
        # The statements every page sends, prepared once per connection (lib/postgresql). Off
        # behind a pooler in transaction mode (PgBouncer): docs/deploy.md.
        DATABASES["default"]["PREPARED_STATEMENTS"] = env_bool("DATABASE_PREPARED_STATEMENTS", True)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "outsourcer.sqlite3")),
            # Web server and worker share the file: WAL lets readers and one writer coexist,
            # IMMEDIATE takes the write lock up front instead of failing mid-transaction.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000;",
            },
            "TEST": {"NAME": os.environ.get("SQLITE_TEST_PATH") or None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["outsourcer.accounts.backends.EmailBackend"]
# Django's database sessions, loaded with one hand-written statement (outsourcer/accounts/sessions.py).
SESSION_ENGINE = "outsourcer.accounts.sessions"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "outsourcer.lib.static_storage.RememberedManifestStorage"  # WhiteNoise's, URLs remembered
        )
    },
}
# collectstatic writes gzip and Brotli copies of every static file (outsourcer/lib/static_storage.py).
STATIC_COMPRESS = env_bool("STATIC_COMPRESS", True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Uploads: a deliverable's file is at most this big (default 25 MB); no uploaded file of any kind
# may be bigger than OUTSOURCER_UPLOAD_MAX_BYTES, enforced while it streams in (lib/upload_stream.py).
OUTSOURCER_DELIVERABLE_MAX_BYTES = int(os.environ.get("OUTSOURCER_DELIVERABLE_MAX_BYTES", str(25 * 1024 * 1024)))
OUTSOURCER_UPLOAD_MAX_BYTES = max(OUTSOURCER_DELIVERABLE_MAX_BYTES, 10 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "outsourcer.lib.upload_stream.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Oversight: a hand-over waiting longer than this many of the organization's working days reminds
# its owners and managers, once.
OUTSOURCER_REVIEW_REMIND_WORKING_DAYS = int(os.environ.get("OUTSOURCER_REVIEW_REMIND_WORKING_DAYS", "3"))

# E-mail: printed to the console unless an SMTP host is configured. The environment variables keep
# their classic names (EMAIL_HOST, …); Django 6.1 configures mailers through MAILERS.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
_EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "outsourcer.notifications.console.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": (
            {
                "host": EMAIL_HOST,
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 20,
            }
            if _EMAIL_BACKEND.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
del EMAIL_HOST
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Outsourcer <outsourcer@localhost>")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Security headers. Production (DEBUG off) passes `manage.py check --deploy --fail-level WARNING`.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host- cookies are bound to this exact host, sent only over HTTPS, never to subdomains.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "outsourcer": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        "outsourcer.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Login throttling: see docs/security.md.
# Reverse proxies whose X-Real-IP / X-Forwarded-For headers are believed (IPs or CIDRs, comma-
# separated). Empty: the socket's address is the client, whatever headers say (docs/deploy.md).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:  # a typo must stop the start, not fail every login later
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network.") from None
LOGIN_FAILURE_LIMIT = 5
LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
# Sign-up and password-reset requests, per client address and per e-mail address, per hour.
ACCOUNT_REQUEST_LIMIT_PER_ADDRESS = 10
ACCOUNT_REQUEST_LIMIT_PER_EMAIL = 3
ACCOUNT_REQUEST_WINDOW_SECONDS = 60 * 60
INVITATION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60
# How long a job's share link works unless its maker chooses (1–90 days).
HIRING_SHARE_LINK_DAYS = int(os.environ.get("HIRING_SHARE_LINK_DAYS", "14"))

# Hiring: reference checks and company-check evidence (outsourcer/hiring/services/references.py).
REFERENCE_LINK_DAYS = 14  # a referee's questionnaire link works this long, once
REFERENCE_REMINDER_DAYS = 3  # one reminder to a referee who has not answered after this many days
TASK_DEADLINE_REMINDER_HOURS = 48  # the "deadline approaching" reminder goes this long before a task's deadline
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024  # a company-check evidence upload
