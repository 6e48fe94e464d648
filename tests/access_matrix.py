"""The access matrix: every URL pattern × every persona → expected status.

Each domain declares its rows in `outsourcer/<app>/tests/access_rows.py` as `ROWS = [Row(...), …]`.
`tests/test_access_matrix.py` runs them all and fails when a URL pattern has no row.

Personas (columns): anonymous, owner (Alice), manager (Bob), viewer (Vera), contractor of this
organization (Carol), contractor of another organization (Dan), owner of another organization (Oscar).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}{(' ' + self.note) if self.note else ''}"
