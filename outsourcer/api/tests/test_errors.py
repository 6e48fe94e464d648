import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.testing import TestClient

from outsourcer.api.errors import ErrorOut, register_error_handlers, with_errors
from outsourcer.api.schemas import Text
from outsourcer.lib.errors import DomainError, FieldErrors, OverrideRequired


class NameIn(Schema):
    name: Text(20, min_length=1)
    hours: int = 0


def _api() -> TestClient:
    api = NinjaAPI(urls_namespace="errors-test")
    register_error_handlers(api)
    raising = {
        "domain": DomainError("Budget is closed.", field="budget", code="budget_closed"),
        "plain": DomainError("Not now."),
        "fields": FieldErrors({"name": "Name is required.", "hours": "Too many hours."}),
        "override": OverrideRequired("18 % over budget.", details={"over_by_cents": 1800}),
        "missing": Http404("secret detail"),
        "denied": PermissionDenied(),
    }

    @api.get("/raise/{kind}")
    def raise_it(request, kind: str):
        raise raising[kind]

    @api.post("/names")
    def create(request, payload: NameIn):
        return {"ok": True}

    return TestClient(api)


@pytest.mark.parametrize(
    ("kind", "status", "body"),
    [
        ("domain", 400, {"detail": "Budget is closed.", "code": "budget_closed",
                         "errors": {"budget": "Budget is closed."}}),
        ("plain", 400, {"detail": "Not now.", "code": "invalid", "errors": {}}),
        ("fields", 422, {"detail": "Name is required.", "code": "invalid",
                         "errors": {"name": "Name is required.", "hours": "Too many hours."}}),
        ("missing", 404, {"detail": "Not found.", "code": "not_found", "errors": {}}),
        ("denied", 403, {"detail": "Your role does not allow this.", "code": "permission_denied", "errors": {}}),
    ],
)  # fmt: skip
def test_it_answers_domain_errors_as_json(kind, status, body):
    response = _api().get(f"/raise/{kind}")

    assert response.status_code == status
    assert response.json() == body


def test_it_answers_409_with_details_when_an_override_is_required():
    response = _api().get("/raise/override")

    assert response.status_code == 409
    assert response.json()["code"] == "override_required"
    assert response.json()["details"] == {"over_by_cents": 1800}
    assert response.json()["errors"] == {"override_reason": "18 % over budget."}


def test_it_names_the_fields_of_schema_errors_as_the_client_sent_them():
    response = _api().post("/names", json={"name": "a\x00b", "hours": "many"})

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert response.json()["errors"] == {
        "name": "Contains a character that is not allowed.",
        "hours": "Input should be a valid integer, unable to parse string as an integer",
    }


def test_it_answers_400_to_a_body_that_is_not_json():
    client = _api()

    response = client.post("/names", data=b"{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_with_errors_adds_the_common_statuses():
    assert set(with_errors({200: NameIn})) == {200, 401, 403, 404, 422}
    assert set(with_errors({201: NameIn}, 409, write=True)) == {201, 400, 401, 403, 404, 409, 422}
    assert with_errors({200: NameIn})[404] is ErrorOut


def test_an_unknown_api_path_answers_json_404(client):
    response = client.get("/api/v1/no-such-thing/42")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found"
