"""Domain errors raised by services; views show them next to the field, the API as JSON."""

from collections.abc import Callable, Mapping


class DomainError(Exception):
    """A rule of the domain was broken. `field` names the input it concerns, when there is one."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    @property
    def field_errors(self) -> dict[str | None, str]:
        """field → message, the one shape forms and the API read (None: not about one field)."""
        return {self.field: self.message}


class OverrideRequired(DomainError):
    """A guard warns: the caller may proceed only with an explicit confirmation and a reason."""

    status_code = 409

    def __init__(self, message: str, *, code: str = "override_required", details: dict | None = None):
        super().__init__(message, field="override_reason", code=code)
        self.details = details or {}


class FieldErrors(DomainError):
    """Several inputs are wrong at once: `errors` maps field name → message."""

    def __init__(self, errors: dict[str, str]):
        first_field, first_message = next(iter(errors.items()))
        super().__init__(first_message, field=first_field, code="invalid")
        self.errors = errors

    @property
    def field_errors(self) -> dict[str | None, str]:
        return dict(self.errors)


def apply_to_form(form, error: DomainError, *, rename: Mapping[str, str] | Callable[[str], str] | None = None) -> None:
    """Show a service's DomainError next to the form field it names (or at the top). `rename`
    maps the service's field names onto the form's (e.g. "amount_cents" → "amount")."""
    for field, message in error.field_errors.items():
        name = field
        if field is not None and rename is not None:
            name = rename(field) if callable(rename) else rename.get(field, field)
        form.add_error(name if name in form.fields else None, message)


class ServiceErrorsMixin:
    """A form that shows a service's errors next to its own inputs; `service_fields` maps the
    service's field names onto the form's."""

    service_fields: Mapping[str, str] = {}

    def service_field(self, field: str) -> str:
        return self.service_fields.get(field, field)

    def apply_service_error(self, error: DomainError) -> None:
        apply_to_form(self, error, rename=self.service_field)
