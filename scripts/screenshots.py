"""Screenshots of the pages people open most, at desktop and phone width, from a fresh demo.

    .venv/bin/python scripts/screenshots.py docs/screenshots --suffix before

Builds a throwaway SQLite database with `manage.py demo` (as `make run` does, DEBUG on), runs the
development server on a free port, logs in with the demo logins and saves full-page PNGs:
home-<size>-<suffix>.png (Alice's business home), budget-<size>-<suffix>.png (a budget page) and
portal-time-<size>-<suffix>.png (Carol's time page in the contractor portal), where size is
desktop (1280x800) or phone (390x844), and bid-comparison.png / bid-comparison-phone.png (the demo
job's bid comparison; `--only bid-comparison` takes just that one). Chromium is Debian's
(/usr/bin/chromium, or CHROMIUM_PATH).
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outsourcer.lib.demo_context import PASSWORD, demo_email  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the development server exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own local server)
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the development server did not answer {url} within {seconds:.0f} s")


def log_in(page, base: str, who: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(demo_email(who))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("networkidle")


def shoot(browser, base: str, who: str, path: str, name: str, out: Path, suffix: str) -> list[Path]:
    """Open `path` as `who` at each size and save a full-page PNG per size."""
    saved = []
    for size, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(30_000)
        log_in(page, base, who)
        page.goto(f"{base}{path}")
        page.wait_for_load_state("networkidle")
        target = out / f"{name}-{size}{'-' + suffix if suffix else ''}.png"
        page.screenshot(path=str(target), full_page=True)
        saved.append(target)
        context.close()
    return saved


def budget_path(browser, base: str) -> str:
    """The demo's Product photography budget: a monthly budget with a burn chart and spend."""
    context = browser.new_context()
    page = context.new_page()
    log_in(page, base, "alice")
    page.goto(f"{base}/")
    page.get_by_role("link", name="Budgets", exact=True).first.click()
    page.get_by_role("link", name="Product photography").first.click()
    page.wait_for_load_state("networkidle")
    path = page.url.removeprefix(base)
    context.close()
    return path


def demo_job_id(manage: list[str], env: dict) -> int:
    """The demo's open job (hiring/demo.py)."""
    code = "from outsourcer.hiring.models import Job; print(Job.objects.get(status='open').pk)"
    result = subprocess.run([*manage, "shell", "-c", code], env=env, cwd=ROOT, check=True, capture_output=True)
    return int(result.stdout.decode().strip().splitlines()[-1])


def shoot_comparison(browser, base: str, path: str, out: Path) -> list[Path]:
    """The bid comparison as Alice: bid-comparison.png (desktop) and bid-comparison-phone.png."""
    saved = []
    for size, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        log_in(page, base, "alice")
        page.goto(f"{base}{path}")
        page.wait_for_load_state("networkidle")
        target = out / ("bid-comparison.png" if size == "desktop" else f"bid-comparison-{size}.png")
        page.screenshot(path=str(target), full_page=True)
        saved.append(target)
        context.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="directory for the PNG files (created if missing)")
    parser.add_argument("--suffix", default="", help="added to each file name, e.g. before or after")
    parser.add_argument("--only", choices=["bid-comparison"], help="take only this page")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="outsourcer-shots-") as tmp:
        env = {
            **os.environ,
            "DEBUG": "true",
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "PYTHONUNBUFFERED": "1",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        for command in (["migrate", "--noinput"], ["demo"]):
            subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env["SITE_URL"] = base
        server = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(f"{base}/healthz", server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                compare = f"/o/crumb-co/hiring/jobs/{demo_job_id(manage, env)}/compare/"
                saved = shoot_comparison(browser, base, compare, args.out)
                if not args.only:
                    saved += [
                        *shoot(browser, base, "alice", "/", "home", args.out, args.suffix),
                        *shoot(browser, base, "alice", budget_path(browser, base), "budget", args.out, args.suffix),
                        *shoot(browser, base, "carol", "/portal/time/", "portal-time", args.out, args.suffix),
                    ]
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    for path in saved:
        print(path)


if __name__ == "__main__":
    main()
