"""Serving a source tree the way production does, for measurements from outside the process:
gunicorn, DEBUG off, a real SECRET_KEY, collected static files (WhiteNoise's manifest), requests
arriving as from the TLS-terminating proxy of docs/deploy.md (`X-Forwarded-Proto: https`).

Used by `make bench` (request_floor) and `make loadtest` (bench/loadtest.py), which serves the
current tree and the previous main's side by side. Every server gets its own port and log file.
"""

import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOGIN_SCRIPT = Path(__file__).resolve().parent / "loadtest_login.py"
# Sent with every request: the app sits behind a proxy that terminated TLS (docs/deploy.md).
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def production_env(*, database_url: str = "", sqlite_path: str = "", static_root: Path, secret_key: str) -> dict:
    """The environment of docs/deploy.md: DEBUG off, a secret key, hosts, the database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DJANGO_ALLOW_ASYNC"))}
    for key in ("DATABASE_URL", "SQLITE_PATH", "DEBUG", "DJANGO_SETTINGS_MODULE"):
        env.pop(key, None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    if sqlite_path:
        env["SQLITE_PATH"] = sqlite_path
    return env


def new_secret_key() -> str:
    return secrets.token_urlsafe(64)


def manage(tree: Path, env: dict, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=tree, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} in {tree} failed:\n{result.stdout}\n{result.stderr}")


def collectstatic(tree: Path, env: dict) -> None:
    """Fill STATIC_ROOT (WhiteNoise compresses every file: minutes on 2 cores), skipped when the
    tree's static sources and the installed packages are the ones of the last collection."""
    import hashlib

    static_root = Path(env["STATIC_ROOT"])
    digest = hashlib.sha256(str(sys.executable).encode())
    for path in sorted((tree / "static").rglob("*")):
        if path.is_file():
            digest.update(f"{path.relative_to(tree)} {path.stat().st_size} {path.stat().st_mtime_ns}\n".encode())
    for path in sorted(Path(sys.prefix).glob("lib/python*/site-packages/*.dist-info")):
        digest.update(path.name.encode())
    stamp = static_root / ".collected"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    manage(tree, env, "collectstatic", "--noinput", "--clear", "--verbosity", "0")
    stamp.write_text(digest.hexdigest())


def login(tree: Path, env: dict, *, org_slug: str, owner_email: str, tokens: bool) -> dict:
    """Session cookies (owner, and a contractor with an active hourly contract), API tokens and the
    ids the requests need, made by `tree`'s own code (bench/loadtest_login.py) so its session
    engine and token format are the ones it serves with."""
    args = [sys.executable, str(LOGIN_SCRIPT), org_slug, owner_email, "tokens" if tokens else "sessions"]
    result = subprocess.run(args, cwd=tree, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"logging in on {tree} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`gunicorn config.wsgi` for one tree; a context manager that waits until it answers."""

    def __init__(self, tree: Path, env: dict, *, workers: int, log: Path):
        self.tree, self.env, self.workers, self.log = tree, env, workers, log
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        command = [
            str(BIN / "gunicorn"),
            "config.wsgi",
            "-w",
            str(self.workers),
            "-b",
            f"127.0.0.1:{self.port}",
            "--no-control-socket",
        ]
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("w") as log:
            self.process = subprocess.Popen(command, cwd=self.tree, env=self.env, stdout=log, stderr=log)
        self._wait()
        return self

    def _wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log.read_text()}")
            try:
                if get(self.port, "/healthz", timeout=5)[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer on {self.port} within {timeout} s:\n{self.log.read_text()}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def get(port: int, path: str, *, headers: dict | None = None, timeout: float = 30) -> tuple[int, bytes]:
    """One GET on a new connection (gunicorn's sync workers close it after each response)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={**PROXY_HEADERS, **(headers or {})})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()
