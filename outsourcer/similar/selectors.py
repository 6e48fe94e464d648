"""Reads of the similar-work index: the organization's open or recent tasks and jobs that look
like a given title and brief (docs/similar.md)."""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Case, Count, FloatField, Q, Sum, Value, When
from django.utils import timezone

from outsourcer.lib.similarity import DUPLICATE_AT, profile, query_keys, score
from outsourcer.similar.models import SimilarDocument, SimilarPosting

RECENT_DAYS = 90
# Shown from here on (less alike is noise); a duplicate from lib.similarity.DUPLICATE_AT on.
SHOW_AT = 0.4
# The index hands this many best candidates to the scorer.
CANDIDATES = 30
# The candidate query reads at most about this many postings: the rarest keys first (a pair of
# title words before a single word), so a common word ("write", "photo") costs nothing unless
# nothing rarer is there. At least the two rarest keys are always read.
POSTING_BUDGET = 6000
LOOKUP_KEYS = 24


@dataclass(frozen=True)
class Match:
    kind: str
    id: int
    title: str
    contractor_id: int | None
    contractor: str
    is_open: bool
    similarity: float

    @property
    def duplicate(self) -> bool:
        return self.similarity >= DUPLICATE_AT

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


def _live(now: datetime) -> Q:
    return Q(document__is_open=True) | Q(document__closed_at__gte=now - timedelta(days=RECENT_DAYS))


def _candidates(organization, keys: list[str], *, exclude: tuple[str, int] | None, now: datetime) -> list[int]:
    counts = dict(
        SimilarPosting.objects.filter(organization=organization, key__in=keys)
        .values("key")
        .annotate(n=Count("id"))
        .values_list("key", "n")
    )
    chosen: list[str] = []
    read = 0
    for key in sorted(counts, key=lambda key: (counts[key], key))[:LOOKUP_KEYS]:
        if len(chosen) >= 2 and read + counts[key] > POSTING_BUDGET:
            break
        chosen.append(key)
        read += counts[key]
    if not chosen:
        return []
    # Rarer keys weigh more (inverse document frequency); the best-covered documents come first.
    weight = Case(
        *[When(key=key, then=Value(1 / (1 + math.log(counts[key])))) for key in chosen], output_field=FloatField()
    )
    rows = SimilarPosting.objects.filter(_live(now), organization=organization, key__in=chosen)
    if exclude is not None:
        rows = rows.exclude(document__kind=exclude[0], document__object_id=exclude[1])
    ranked = rows.values("document_id").annotate(hits=Sum(weight)).order_by("-hits", "-document_id")
    return [row["document_id"] for row in ranked[:CANDIDATES]]


def similar_find(
    *,
    organization,
    title: str,
    brief: str = "",
    exclude: tuple[str, int] | None = None,
    limit: int = 10,
    now: datetime | None = None,
) -> list[Match]:
    """The organization's open or recent (closed in the last 90 days) tasks and jobs that look like
    `title` and `brief`, most similar first; `exclude` is (kind, id) of the row being edited.
    Candidates come from the index, only they are scored: three queries whatever the row count."""
    wanted = profile(title, brief)
    keys = query_keys(wanted)
    if not keys:
        return []
    ids = _candidates(organization, keys, exclude=exclude, now=now or timezone.now())
    documents = SimilarDocument.objects.filter(pk__in=ids).only(
        "kind", "object_id", "title", "text", "contractor_id", "contractor_name", "is_open"
    )
    matches = [
        Match(
            kind=document.kind,
            id=document.object_id,
            title=document.title,
            contractor_id=document.contractor_id,
            contractor=document.contractor_name,
            is_open=document.is_open,
            similarity=score(wanted, profile(document.title, document.text)),
        )
        for document in documents
    ]
    matches = [match for match in matches if match.similarity >= SHOW_AT]
    matches.sort(key=lambda match: (-match.similarity, match.kind, -match.id))
    return matches[:limit]


def similar_scan(*, organization, title: str, brief: str = "", now: datetime | None = None) -> list[Match]:
    """The same answer by scoring every open or recent document of the organization: the
    benchmark's brute-force baseline, never used by pages."""
    wanted = profile(title, brief)
    cutoff = (now or timezone.now()) - timedelta(days=RECENT_DAYS)
    documents = SimilarDocument.objects.filter(Q(is_open=True) | Q(closed_at__gte=cutoff), organization=organization)
    matches = [
        Match(
            kind=document.kind,
            id=document.object_id,
            title=document.title,
            contractor_id=document.contractor_id,
            contractor=document.contractor_name,
            is_open=document.is_open,
            similarity=score(wanted, profile(document.title, document.text)),
        )
        for document in documents.iterator(chunk_size=2000)
    ]
    matches = [match for match in matches if match.similarity >= SHOW_AT]
    matches.sort(key=lambda match: (-match.similarity, match.kind, -match.id))
    return matches[:10]
