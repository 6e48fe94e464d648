"""The request floor's CPU, in process (docs/performance.md, fourth round): the app's CPU per request
(`time.process_time`) and the PostgreSQL backend's (`/proc/<pid>/schedstat`, Linux, same machine)
for the floor's three requests, through Django's WSGI handler with production settings. Unlike the
client's clock these hardly move when other work shares the machine.

    cd TREE && python /path/to/bench/floor_cpu.py [REQUESTS]

Run it from the tree to measure (this one, or a `git archive` of another commit), after
`make floor` made the small data set and collected the static files. It imports only Django and
the app, never `bench.*`, so an older tree can run it. BENCH_FLOOR_DATABASE_URL, BENCH_STATIC_ROOT and
BENCH_OWNER_EMAIL override the defaults below."""

import io
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATABASE_URL = os.environ.get("BENCH_FLOOR_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/outsourcer_bench_small")
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", str(HERE / "results" / "loadtest.tmp" / "static-current"))
OWNER_EMAIL = os.environ.get("BENCH_OWNER_EMAIL", "alice@crumb.example")
ROUNDS = 5


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sys.path.insert(0, os.getcwd())
    for key in ("DEBUG", "SQLITE_PATH"):
        os.environ.pop(key, None)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=STATIC_ROOT,
        DATABASE_URL=DATABASE_URL,
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test import Client

    from outsourcer.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=OWNER_EMAIL))
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    sides = {"bare": ("/healthz", ""), "session": ("/healthz", cookie), "page": ("/notifications/", cookie)}
    app = WSGIHandler()

    def get(path: str, cookie: str) -> None:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_X_FORWARDED_PROTO": "https",  # as from the TLS-terminating proxy
            "HTTP_COOKIE": cookie,
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
        }
        statuses = []
        b"".join(app(environ, lambda status, headers, exc_info=None: statuses.append(status)))
        if not statuses[0].startswith("200"):
            raise RuntimeError(f"{path} answered {statuses[0]}")

    def backend_ns() -> tuple[int, int]:
        connection.ensure_connection()
        pid = connection.connection.info.backend_pid
        return pid, int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])

    app_ms = {name: [] for name in sides}
    db_ms = {name: [] for name in sides}
    for _ in range(100):  # warm-up: caches, prepared statements, the connection
        for path, cookie in sides.values():
            get(path, cookie)
    block = requests // ROUNDS
    for _ in range(ROUNDS):
        for name, (path, cookie) in sides.items():
            pid, db_before = backend_ns()
            started = time.process_time()
            for _ in range(block):
                get(path, cookie)
            app_ms[name].append((time.process_time() - started) * 1000 / block)
            pid_after, db_after = backend_ns()
            if pid_after == pid:  # the connection was not replaced in between (conn_max_age)
                db_ms[name].append((db_after - db_before) / 1e6 / block)
    app_median = {name: statistics.median(values) for name, values in app_ms.items()}
    db = {name: statistics.median(values) if values else float("nan") for name, values in db_ms.items()}
    print(
        "app CPU ms (no session / session / page): " + " / ".join(f"{app_median[n]:.3f}" for n in sides),
        "| PostgreSQL CPU ms: " + " / ".join(f"{db[n]:.3f}" for n in sides),
        f"| load {os.getloadavg()[0]:.1f}",
    )


if __name__ == "__main__":
    main()
