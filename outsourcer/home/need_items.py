"""What a home section is made of (home/needs.py): items, each a link to where it is acted on,
and the small wording helpers every section shares."""

from dataclasses import dataclass, field
from datetime import date

from django.urls import NoReverseMatch, reverse

from outsourcer.accounts.access import OrgContext


@dataclass(frozen=True)
class NeedItem:
    """One thing to do: `label` is the link text, `detail` says why it is here."""

    label: str
    url: str
    detail: str = ""
    tone: str = ""  # "warn" | "over" | "": how the page marks it


@dataclass(frozen=True)
class NeedSection:
    key: str
    title: str
    items: list[NeedItem]
    more_url: str = ""
    more_label: str = ""
    note: str = field(default="")  # what the section covers, e.g. its window of days


def day_text(value: date) -> str:
    return f"{value:%a} {value.day} {value:%b}"


def org_url(name: str, ctx: OrgContext, *args, query: str = "") -> str:
    url = reverse(name, args=[ctx.organization.slug, *args])
    return f"{url}?{query}" if query else url


def org_url_first(ctx: OrgContext, *candidates: tuple[str, int | None]) -> str:
    """The URL of the first (name, id or None) whose page exists (one another branch may add),
    else the last one's."""
    for name, pk in candidates[:-1]:
        try:
            return org_url(name, ctx, *([] if pk is None else [pk]))
        except NoReverseMatch:
            continue
    name, pk = candidates[-1]
    return org_url(name, ctx, *([] if pk is None else [pk]))


def waited_text(since: date, today: date) -> str:
    """ "since today" or "since Mon 17 Mar (3 d)"."""
    return "since today" if since >= today else f"since {day_text(since)} ({(today - since).days} d)"
