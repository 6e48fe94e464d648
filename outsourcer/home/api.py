"""The owner's home through the API: GET /api/v1/home answers the same "needs you today" sections
as the home page (home/needs.py), each with its items' links, for the caller's role."""

from django.http import HttpRequest
from ninja import Field, Router, Schema

from outsourcer.api.auth import org_context
from outsourcer.api.errors import with_errors
from outsourcer.budgets.periods import today_for
from outsourcer.home.needs import needs_for_today

router = Router(tags=["home"])


class NeedItemOut(Schema):
    label: str = Field(description="What to do, as the page's link says it")
    url: str = Field(description="The page where it is done (relative to the site)")
    detail: str
    tone: str = Field(description='"over", "warn" or ""')


class NeedSectionOut(Schema):
    key: str = Field(description="reviews, questions, messages, feedback, time, missing_checkins, checkins, …")
    title: str
    note: str
    count: int = Field(description="Items listed (at most 10; `more_url` is set when there are more)")
    items: list[NeedItemOut]
    more_url: str


class HomeOut(Schema):
    organization: str
    role: str
    sections: list[NeedSectionOut] = Field(description="Only the sections with something in them")


@router.get("", operation_id="home_get", response=with_errors({200: HomeOut}))
def home_get(request: HttpRequest):
    """What needs the caller today in their organization, section by section."""
    ctx = org_context(request, "org.view")
    sections = needs_for_today(ctx, today=today_for(ctx.organization))
    return {
        "organization": ctx.organization.slug,
        "role": ctx.role,
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "note": s.note,
                "count": len(s.items),
                "items": s.items,
                "more_url": s.more_url,
            }
            for s in sections
        ],
    }
