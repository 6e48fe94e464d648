"""Reads of the similar-work index: the organization's open or recent tasks and jobs that look
like a given title and brief (docs/similar.md)."""

import json
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from outsourcer.lib.queries import execute_prepared
from outsourcer.lib.similarity import DUPLICATE_AT, Profile, key_weight, profile, profile_load, query_keys, score
from outsourcer.similar.models import SimilarDocument, SimilarPosting

RECENT_DAYS = 90
# Shown from here on (less alike is noise); a duplicate from lib.similarity.DUPLICATE_AT on.
SHOW_AT = 0.4
# The index hands this many best candidates to the scorer.
CANDIDATES = 30
# The candidate query reads at most about this many postings: the rarest keys first (a pair of
# title words before a single word), so a common word ("write", "photo") costs nothing unless
# nothing rarer is there. The rarest key is always read.
POSTING_BUDGET = 2000
LOOKUP_KEYS = 24
# Keys are counted up to this many documents: a key that common is read only when it is the
# rarest there is, so how common it is past that does not matter, and counting it would cost.
COUNT_CAP = 1000


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


class Candidate(NamedTuple):
    """What the scorer reads of a SimilarDocument (the candidate query's row; the brute-force scan
    hands it the models themselves)."""

    kind: str
    object_id: int
    title: str
    contractor_id: int | None
    contractor_name: str
    is_open: bool
    profile: dict | None
    text: str


# The columns are the fields' own names, quoted as both databases quote them.
CANDIDATE_COLUMNS = ", ".join(f'd."{name}"' for name in Candidate._fields)


def _candidate(row: tuple) -> Candidate:
    kind, object_id, title, contractor_id, contractor_name, is_open, stored, text = row
    # Read as a plain row, not a model: building 30 models cost a tenth of a task's create.
    stored = json.loads(stored) if isinstance(stored, str) else stored
    return Candidate(kind, object_id, title, contractor_id, contractor_name, bool(is_open), stored, text)


def _profile(document: SimilarDocument | Candidate) -> Profile:
    # The stored profile; an entry written before it or with older words is read from its text.
    return profile_load(document.profile) or profile(document.title, document.text)


# The index's statements are written by hand: compiling the ORM's took longer than the database
# took to answer them. Only model metadata is formatted into them; every value is a parameter.
def _names() -> tuple[str, str, str]:
    quote = connection.ops.quote_name
    return quote(SimilarPosting._meta.db_table), quote(SimilarDocument._meta.db_table), quote("key")


def json_keys_sql() -> str:
    """A FROM item of the strings in one JSON array parameter, each as `k.value`: one statement
    text for any number of keys (planned once per connection on PostgreSQL)."""
    if connection.vendor == "postgresql":
        return "json_array_elements_text(%s::json) AS k(value)"
    return "json_each(%s) AS k"


def _key_counts(organization, keys: list[str]) -> dict[str, int]:
    # One capped range count per key on the (organization, key, …) index; the keys are one JSON
    # parameter, so the statement's text never changes and PostgreSQL plans it once per connection.
    postings, _, key = _names()
    each = json_keys_sql()
    sql = f"SELECT k.value, (SELECT COUNT(*) FROM (SELECT 1 FROM {postings} WHERE organization_id = %s AND {key} = k.value LIMIT %s) capped) FROM {each}"  # noqa: E501, S608
    params = [organization.pk, COUNT_CAP, json.dumps(keys)]
    with connection.cursor() as cursor:
        execute_prepared(cursor, sql, params)
        return {wanted: count for wanted, count in cursor.fetchall() if count}


def _candidates(organization, keys: list[str], *, exclude: tuple[str, int] | None, now: datetime) -> list[Candidate]:
    counts = _key_counts(organization, keys)
    place = {key: index for index, key in enumerate(keys)}
    chosen: list[str] = []
    read = 0
    # Rarest first; among keys equally common (or all past the cap), the order of `query_keys`.
    for key in sorted(counts, key=lambda key: (counts[key], place[key]))[:LOOKUP_KEYS]:
        if chosen and (counts[key] >= COUNT_CAP or read + counts[key] > POSTING_BUDGET):
            break
        chosen.append(key)
        read += counts[key]
    if not chosen:
        return []
    postings, documents, key = _names()
    cutoff = connection.ops.adapt_datetimefield_value(now - timedelta(days=RECENT_DAYS))
    params: list = [organization.pk, *chosen, cutoff]
    edited = ""
    if exclude is not None:
        edited = f"AND document_id NOT IN (SELECT id FROM {documents} WHERE organization_id = %s AND kind = %s AND object_id = %s)"  # noqa: E501, S608
        params += [organization.pk, *exclude]
    # Rarer keys weigh more (inverse document frequency), and so do weightier words (a pair of a
    # month and a thing more than a month and "write"); the best-covered documents come first.
    weights = " ".join(["WHEN %s THEN CAST(%s AS DOUBLE PRECISION)"] * len(chosen))
    # The best documents and their stored profiles in the same statement: one round trip less.
    sql = (
        f"SELECT {CANDIDATE_COLUMNS} FROM (SELECT document_id, SUM(CASE {key} {weights} END) hits "  # noqa: E501, S608
        f"FROM {postings} WHERE organization_id = %s AND {key} IN ({', '.join(['%s'] * len(chosen))}) "
        f"AND (closed_at IS NULL OR closed_at >= %s) {edited} GROUP BY document_id "
        f"ORDER BY hits DESC, document_id DESC LIMIT %s) best JOIN {documents} d ON d.id = best.document_id"
    )
    case = [value for one in chosen for value in (one, key_weight(one) / (1 + math.log(counts[one])))]
    with connection.cursor() as cursor:
        execute_prepared(cursor, sql, [*case, *params, CANDIDATES])
        return [_candidate(row) for row in cursor.fetchall()]


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
    Candidates come from the index, only they are scored: two queries whatever the row count."""
    wanted = profile(title, brief)
    keys = query_keys(wanted)
    if not keys:
        return []
    documents = _candidates(organization, keys, exclude=exclude, now=now or timezone.now())
    return _ranked(wanted, documents, limit=limit)


def similar_scan(*, organization, title: str, brief: str = "", now: datetime | None = None) -> list[Match]:
    """The same answer by scoring every open or recent document of the organization: the
    benchmark's brute-force baseline, never used by pages."""
    cutoff = (now or timezone.now()) - timedelta(days=RECENT_DAYS)
    documents = SimilarDocument.objects.filter(Q(is_open=True) | Q(closed_at__gte=cutoff), organization=organization)
    return _ranked(profile(title, brief), documents.iterator(chunk_size=2000), limit=10)


def _ranked(wanted: Profile, documents, *, limit: int) -> list[Match]:
    matches = [
        Match(
            kind=document.kind,
            id=document.object_id,
            title=document.title,
            contractor_id=document.contractor_id,
            contractor=document.contractor_name,
            is_open=document.is_open,
            similarity=similarity,
        )
        for document in documents
        if (similarity := score(wanted, _profile(document))) >= SHOW_AT
    ]
    matches.sort(key=lambda match: (-match.similarity, match.kind, -match.id))
    return matches[:limit]
