"""The mixed load of issue 10: ten everyday requests, weighted evenly, no think time.

Run by bench/loadtest.py (`locust -f bench/locustfile.py --headless …`) with LOADTEST_LOGIN naming
the JSON that bench/loadtest_login.py printed for the server under test. Every simulated user holds
the owner's session and the contractor's (pages), and both API tokens (API lists, the write).
A request counts as an error unless it answers its exact status code (a redirect to the login page
is an error, not a page).
"""

import json
import os

from locust import FastHttpUser, constant

from bench.load_requests import TASK_WEIGHTS, request_for


def _login() -> dict:
    path = os.environ.get("LOADTEST_LOGIN")
    return json.loads(open(path).read()) if path else {}  # noqa: SIM115 - read once at import


LOGIN = _login()


def _task(name: str):
    def run(user: "EverydayUser") -> None:
        user.call(name)

    run.__name__ = name
    return run


class EverydayUser(FastHttpUser):
    wait_time = constant(0)
    # One task per request of the shared list, with its weight (tests/test_loadtest.py checks them).
    tasks = {_task(name): weight for name, weight in TASK_WEIGHTS.items()}

    def call(self, name: str) -> None:
        spec = request_for(name, LOGIN)
        with self.client.request(
            spec.method,
            spec.path,
            name=name,
            headers=spec.headers,
            data=spec.body,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != spec.status:
                response.failure(f"{spec.method} {spec.path}: {response.status_code}, expected {spec.status}")
