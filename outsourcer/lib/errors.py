"""Domain errors raised by services; views show them next to the field, the API as JSON."""


class DomainError(Exception):
    """A rule of the domain was broken. `field` names the input it concerns, when there is one."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


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


def apply_to_form(form, error: DomainError) -> None:
    """Show a service's DomainError next to the form field it names (or at the top)."""
    errors = error.errors if isinstance(error, FieldErrors) else {error.field: error.message}
    for field, message in errors.items():
        form.add_error(field if field in form.fields else None, message)
