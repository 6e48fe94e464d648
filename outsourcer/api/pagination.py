"""Limit/offset pagination for every API list: `?limit=25&offset=0` → `{"items": [...], "count": N}`."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, paginate

DEFAULT_LIMIT = 25
MAX_LIMIT = 100
# Far past any real list, and small enough that no database rejects the OFFSET.
MAX_OFFSET = 1_000_000


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


# Usage, under the router decorator: `@router.get("", response=with_errors({200: list[ItemOut]}))` then `@paginated`.
paginated = paginate(Pagination)
