"""No input answers 500: every HTML page's query parameters and every API date parameter (query
and body) with malformed and out-of-range dates, and an API body over the 10 MB limit.

The pages and operations come from the access matrix, so a new page or operation is covered
as soon as it has its matrix row. The API's schema-driven fuzzing is tests/test_api_fuzz.py.
"""

import json
import re
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from outsourcer.accounts.services import api_token_create
from tests.access_matrix import Row
from tests.test_access_matrix import ROWS

BAD_DATES = ["9999-12", "0001-01", "1-1", "9999-12-31", "0001-01-01", "1999-12-31", "2100-01-01", "2025-02-30",
             "2025-13-01", "-1", "99999999999999999999", "x"]  # fmt: skip
PAGE_DATES = ["9999-12", "0001-01", "1-1", "9999-12-31", "0001-01-01", "2025-02-30", "x"]
# Query parameters pages read from links rather than from a GET form on the page.
LINK_PARAMETERS = {"month", "period", "page", "week", "since", "until", "show", "status"}

PAGE_ROWS = [row for row in ROWS if not row.api and row.method == "GET"]
API_READ_ROWS = [row for row in ROWS if row.api and row.method == "GET"]
API_WRITE_ROWS = [row for row in ROWS if row.api and row.method in {"POST", "PATCH"} and row.data is not None]
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _persona(row: Row, personas):
    for name in ("alice", "carol", "bob", "vera", "dan", "oscar"):
        if row.expected[name] == 200:
            return name, personas.by_name(name)
    return "anonymous", None


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _query_names(html: str) -> set[str]:
    names = set(LINK_PARAMETERS)
    for form in re.findall(r"<form[^>]*method=\"get\"[^>]*>.*?</form>", html, flags=re.S | re.I):
        names |= set(re.findall(r"name=\"([\w-]+)\"", form))
    names |= set(re.findall(r"[?&;](\w+)=", html))
    return names - {"csrfmiddlewaretoken", "next"}


@pytest.mark.django_db
@pytest.mark.parametrize("row", PAGE_ROWS, ids=[row.id for row in PAGE_ROWS])
def test_no_page_answers_500_to_bad_dates_in_its_query(row: Row, personas):
    _, user = _persona(row, personas)
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user, backend="outsourcer.accounts.backends.EmailBackend")
    url = reverse(row.name, kwargs=row.kwargs(personas))
    first = client.get(url)
    names = _query_names(_body(first)) if first.status_code == 200 else LINK_PARAMETERS
    failures = []
    for value in PAGE_DATES:
        query = urlencode(dict.fromkeys(sorted(names), value))
        response = client.get(f"{url}?{query}")
        try:
            _body(response)  # a CSV export fails while it streams, after the 200
        except Exception as exc:  # reported below with the value that caused it
            failures.append((value, repr(exc)))
        if response.status_code >= 500:
            failures.append((value, response.status_code))
    assert failures == [], f"{url} with {sorted(names)}"


def _api_client(personas, name, user):
    headers = {}
    if user is not None:
        organization = None if name in ("carol", "dan") else (personas.other_org if name == "oscar" else personas.org)
        _, raw = api_token_create(user=user, name="dates", organization=organization)
        headers["Authorization"] = f"Bearer {raw}"
    return Client(raise_request_exception=False), headers


def _date_query_parameters(schema: dict, path: str, method: str) -> list[str]:
    paths = schema["paths"]
    operation = (paths.get(path) or paths[path.removeprefix("/api/v1")])[method.lower()]
    return [
        parameter["name"]
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query" and '"format": "date"' in json.dumps(parameter.get("schema", {}))
    ]


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    with django_db_blocker.unblock():
        return Client().get("/api/v1/openapi.json").json()


def _assert_api_error(response, context: str) -> None:
    assert response.status_code < 500, context
    if response.status_code >= 400:
        body = response.json()
        assert {"detail", "code", "errors"} <= set(body), context


@pytest.mark.django_db
@pytest.mark.parametrize("row", API_READ_ROWS, ids=[row.id for row in API_READ_ROWS])
def test_no_api_read_answers_500_to_bad_dates(row: Row, personas, openapi):
    names = _date_query_parameters(openapi, row.name, row.method)
    if not names:
        pytest.skip("no date query parameter")
    persona, user = _persona(row, personas)
    client, headers = _api_client(personas, persona, user)
    url = row.name.format(**row.kwargs(personas))
    for value in BAD_DATES:
        for name in names:
            response = client.get(url, {name: value}, headers=headers)
            _assert_api_error(response, f"{url}?{name}={value} → {response.status_code}")
            assert response.status_code in (200, 400, 422), f"{url}?{name}={value} → {response.status_code}"
            if value.startswith(("9999", "0001")):
                assert response.status_code in (400, 422), f"{url}?{name}={value} was accepted"


@pytest.mark.django_db
@pytest.mark.parametrize("row", API_WRITE_ROWS, ids=[row.id for row in API_WRITE_ROWS])
def test_no_api_write_answers_500_to_bad_dates_in_its_body(row: Row, personas):
    for name in ("alice", "carol", "bob"):
        if 200 <= row.expected[name] < 300:
            break
    else:
        pytest.skip("no persona may write here")
    for value in BAD_DATES:
        with transaction.atomic():
            body = row.data(personas)
            dates = [key for key, item in body.items() if isinstance(item, str) and ISO_DAY.match(item)]
            if not dates:
                transaction.set_rollback(True)
                pytest.skip("no date field in the body")
            client, headers = _api_client(personas, name, personas.by_name(name))
            url = row.name.format(**row.kwargs(personas))
            for key in dates:
                response = client.generic(
                    row.method, url, json.dumps({**body, key: value}), content_type="application/json", headers=headers
                )
                _assert_api_error(response, f"{row.method} {url} {key}={value} → {response.status_code}")
                assert response.status_code in (400, 422), f"{row.method} {url} {key}={value} was accepted"
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_portal_time_falls_back_to_this_month_with_a_message(personas, frozen):
    client = Client()
    client.force_login(personas.carol)

    for value in ("9999-12", "0001-01", "1-1"):
        response = client.get(reverse("portal:time"), {"month": value})

        assert response.status_code == 200
        assert response.context["month"] == frozen.date().replace(day=1)
        assert "That month is not one we can show" in response.content.decode()


@pytest.mark.django_db
def test_budget_summary_refuses_a_period_in_year_9999_even_for_a_viewer(personas, api_as):
    from outsourcer.testing.builders import make_budget

    budget = make_budget(personas)

    response = api_as(personas.vera).get(f"/budgets/{budget.pk}/summary", period_start="9999-12-31")

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert "period_start" in response.json()["errors"]


@pytest.mark.django_db
def test_an_api_body_over_ten_megabytes_answers_the_json_error_body(personas, api_as):
    api = api_as(personas.alice)
    body = json.dumps({"name": "x" * (10 * 1024 * 1024 + 1)})

    response = api.client.post("/api/v1/budgets", body, content_type="application/json", headers=api.headers)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "request_too_large"


def test_a_bad_request_outside_the_api_keeps_the_html_page(client):
    body = "x=" + "y" * (10 * 1024 * 1024 + 1)

    response = client.post("/accounts/login/", body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
