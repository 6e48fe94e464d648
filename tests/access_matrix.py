"""The access matrix: every URL pattern × every persona → expected status.

Each domain declares its rows in `outsourcer/<app>/tests/access_rows.py` as `ROWS = [Row(...), …]`.
`tests/test_access_matrix.py` runs them all and fails when a URL pattern has no row.

Personas (columns): anonymous, owner (Alice), manager (Bob), viewer (Vera), contractor of this
organization (Carol), contractor of another organization (Dan), owner of another organization (Oscar).

A status alone does not prove a write: a view that redirects on a validation error answers 302
just like one that saved. So every mutating row (any method but GET) also checks *who wrote*:
`wrote` is a probe read before and after each request, and the personas whose probe changed must
be exactly the row's writers. By default the writers are the personas answered with an API
success (2xx) or an HTML redirect that is not to the login page; a row whose statuses cannot tell
(an HTML form answering 200 both with the new token and with errors) lists `writers`. The
default probe counts audit events (every service records one); a row whose write leaves no event
names another probe (`count(Model, …)`), and `wrote=None` marks a POST that only computes.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Model
from django.shortcuts import resolve_url

from outsourcer.accounts.roles import Role
from outsourcer.audit.models import Event
from outsourcer.testing.factories import MembershipFactory
from outsourcer.testing.personas import Personas

COLUMNS = ("anonymous", "alice", "bob", "vera", "carol", "dan", "oscar")


def expect(
    anonymous: int, owner: int, manager: int, viewer: int, contractor: int, other_contractor: int, outsider: int
):
    """Expected statuses in column order (see COLUMNS)."""
    return dict(zip(COLUMNS, (anonymous, owner, manager, viewer, contractor, other_contractor, outsider), strict=True))


# Common shapes.
ORG_READ = expect(302, 200, 200, 200, 404, 404, 404)
ORG_RUN_POST = expect(302, 302, 302, 403, 404, 404, 404)  # owner/manager change state, then redirect
ORG_OWNER_POST = expect(302, 302, 403, 403, 404, 404, 404)
PORTAL_READ = expect(302, 404, 404, 404, 200, 200, 404)
PUBLIC = expect(200, 200, 200, 200, 200, 200, 200)
# Carol as the "contractor-manager" persona (see `as_contractor_manager`) judging her own work:
# owner and manager may, she may not (403: she sees the row, she may not decide on it).
OWN_WORK_POST = expect(302, 302, 302, 403, 403, 404, 404)
OWN_WORK_API = expect(401, 200, 200, 403, 403, 404, 404)
OWN_WORK_API_CREATE = expect(401, 201, 201, 403, 403, 404, 404)


def as_contractor_manager(kwargs: Callable[[Personas], dict[str, Any]]) -> Callable[[Personas], dict[str, Any]]:
    """Row kwargs that first make Carol a manager of Alice's organization as well as its
    contractor — the "contractor-manager" persona. In such a row the carol column says what she
    may do with her own work there (nothing that judges it: docs/security.md)."""

    def _kwargs(p: Personas) -> dict[str, Any]:
        MembershipFactory(organization=p.org, user=p.carol, role=Role.MANAGER)
        return kwargs(p)

    return _kwargs


Probe = Callable[[Personas], Any]


def count(model: type[Model], **filters) -> Probe:
    """Probe: how many `model` rows match `filters` (a create or a delete changes it)."""
    return lambda p: model._default_manager.filter(**filters).count()


def latest(model: type[Model], field: str) -> Probe:
    """Probe: the newest value of `field` over all `model` rows (an update of a timestamp changes it)."""
    return lambda p: model._default_manager.aggregate(value=Max(field))["value"]


EVENTS = count(Event)
API_SUCCESS = frozenset({200, 201, 204})
REDIRECTS = frozenset({302, 303})


@dataclass
class Row:
    """One URL under test. `name` is the URL pattern name ("orgs:members") or, for API operations,
    the path template as in the OpenAPI document ("/api/v1/contractors/{contractor_id}")."""

    name: str
    expected: dict[str, int]
    method: str = "GET"
    kwargs: Callable[[Personas], dict[str, Any]] = field(default=lambda p: {})
    data: Callable[[Personas], dict[str, Any]] | None = None
    api: bool = False  # send the persona's API token instead of a session cookie
    content_type: str | None = None
    note: str = ""
    get_allowed: bool = False  # a POST row whose URL also serves a GET form (not 405 on GET)
    wrote: Probe | None = EVENTS  # mutating rows: who wrote (see the module docstring); None: computes only
    writers: tuple[str, ...] | None = None  # personas whose request must write, when statuses cannot tell

    @property
    def is_mutating(self) -> bool:
        return self.method != "GET" and self.wrote is not None

    def expected_writers(self, results: dict[str, tuple[int, str]]) -> list[str]:
        """Columns whose request must have written, given each column's (status, redirect target)."""
        if self.writers is not None:
            return [column for column in COLUMNS if column in self.writers]
        if self.api:
            return [column for column, (status, _) in results.items() if status in API_SUCCESS]
        return [
            column
            for column, (status, location) in results.items()
            if status in REDIRECTS and not location.startswith(resolve_url("accounts:login"))
        ]

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}{(' ' + self.note) if self.note else ''}"
