"""The one JSON error body of the API and the handlers that produce it.

Every error answers `{"detail": "…", "code": "…", "errors": {"field": "message"}}` (plus
`details` for a 409 override). Operations declare the statuses they can return with
`with_errors(...)`, so the OpenAPI document lists every answer a client (or schemathesis) can see.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from outsourcer.lib.errors import DomainError, FieldErrors, OverrideRequired
from outsourcer.lib.text import NUL_FREE

NOT_AUTHENTICATED = "Send a personal API token as “Authorization: Bearer osr_…”, or sign in."
NOT_FOUND = "Not found."
NOT_ALLOWED = "Your role does not allow this."
INVALID_INPUT = "Some fields are not valid; see `errors`."
NUL_NOT_ALLOWED = "Contains a character that is not allowed."


class ErrorOut(Schema):
    detail: str
    code: str
    errors: dict[str, str] = {}
    details: dict[str, Any] = {}


# 401 no or bad credentials · 403 the role may not (or a session POST without CSRF token) ·
# 404 outside the caller's organization or portal · 422 input does not match the schema.
COMMON_ERRORS: dict[int, type[ErrorOut]] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
# Operations that take a JSON body or call a service add 400: unreadable JSON, a domain rule.
WRITE_ERRORS: dict[int, type[ErrorOut]] = {400: ErrorOut, **COMMON_ERRORS}


def with_errors(success: dict[int, Any], *extra: int, write: bool = False) -> dict[int, Any]:
    """An operation's `response=`: its success schemas plus the common error statuses
    (`write=True` adds 400; `extra` adds more, e.g. 409 for a guard that needs an override)."""
    return {**success, **(WRITE_ERRORS if write else COMMON_ERRORS), **dict.fromkeys(extra, ErrorOut)}


def error_body(detail: str, code: str, errors: dict[str, str] | None = None, **more: Any) -> dict[str, Any]:
    return {"detail": detail, "code": code, "errors": errors or {}, **more}


def _field_name(loc: tuple | list) -> str:
    # ninja reports ("body", "payload", "working_hours", "mon") or ("query", "limit"); clients
    # want the field as they sent it: "working_hours.mon", "limit".
    parts = [str(part) for part in loc if part != "[key]"]
    if parts and parts[0] == "body":
        parts = parts[2:] if len(parts) > 2 else parts[:1]
    elif len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts) or "body"


def _message(error: dict[str, Any]) -> str:
    if error.get("type") == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == NUL_FREE:
        return NUL_NOT_ALLOWED
    return str(error.get("msg", "Invalid value."))


def _validation_errors(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors:
        errors.setdefault(_field_name(error.get("loc", ())), _message(error))
    return errors


def register_error_handlers(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError):
        if isinstance(exc, FieldErrors):
            return respond(request, 422, error_body(exc.message, exc.code, exc.errors))
        errors = {exc.field: exc.message} if exc.field else {}
        if isinstance(exc, OverrideRequired):
            return respond(request, exc.status_code, error_body(exc.message, exc.code, errors, details=exc.details))
        return respond(request, exc.status_code, error_body(exc.message, exc.code, errors))

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        return respond(request, 422, error_body(INVALID_INPUT, "invalid", _validation_errors(exc)))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, error_body(NOT_FOUND, "not_found"))

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        return respond(request, 403, error_body(NOT_ALLOWED, "permission_denied"))

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request, exc):
        response = respond(request, 401, error_body(NOT_AUTHENTICATED, "not_authenticated"))
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        # ninja's own errors: unreadable JSON (400), CSRF failure (403), throttling (429).
        code = {400: "bad_request", 403: "csrf_failed", 429: "throttled"}.get(exc.status_code, "error")
        return respond(request, exc.status_code, error_body(str(exc), code))
