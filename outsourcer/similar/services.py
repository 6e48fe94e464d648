"""Writes of the similar-work index. Work and hiring call these inside the transaction that
changes the task or job, so the index never disagrees with the rows it describes."""

import json
from datetime import datetime

from django.db import connection
from django.utils import timezone

from outsourcer.lib.queries import execute_prepared
from outsourcer.lib.similarity import index_keys, profile, profile_dump, profile_version
from outsourcer.similar.models import SimilarDocument, SimilarPosting
from outsourcer.similar.selectors import json_keys_sql


def similar_document_save(
    *,
    organization,
    kind: str,
    object_id: int,
    title: str,
    text: str,
    contractor=None,
    is_open: bool = True,
    closed_at: datetime | None = None,
    new: bool = False,
) -> SimilarDocument:
    """Create or refresh the index entry of one task or job: its words (profile and postings,
    rewritten only when the title, the brief or the vocabulary changed), holder and open state. A
    closed entry keeps the moment it closed (`closed_at`, default now) so "recent" can be judged.
    `new`: the task or job was inserted in this transaction, so it has no entry to read or clear
    (two statements fewer on every create; the unique constraint would refuse a second entry)."""
    if is_open:
        closed_at = None
    document = None
    if not new:
        document = SimilarDocument.objects.filter(organization=organization, kind=kind, object_id=object_id).first()
    fields = {
        "title": title[:200],
        "text": text,
        "contractor": contractor,
        "contractor_name": (contractor.name if contractor is not None else "")[:200],
        "is_open": is_open,
    }
    stale = document is None or (document.title, document.text, document.profile.get("version")) != (
        fields["title"],
        fields["text"],
        profile_version(),
    )
    item = profile(fields["title"], fields["text"]) if stale else None
    if item is not None:
        fields["profile"] = profile_dump(item)
    if document is None:
        document = SimilarDocument.objects.create(
            organization=organization,
            kind=kind,
            object_id=object_id,
            closed_at=None if is_open else closed_at or timezone.now(),
            **fields,
        )
    else:
        closed_before = document.closed_at
        if not is_open and document.is_open:
            document.closed_at = closed_at or timezone.now()
        elif is_open:
            document.closed_at = None
        moved = document.closed_at != closed_before
        for name, value in fields.items():
            setattr(document, name, value)
        document.save()
        if moved and item is None:
            SimilarPosting.objects.filter(document=document).update(closed_at=document.closed_at)
    if item is not None:
        if not new:
            SimilarPosting.objects.filter(document=document).delete()
        _postings_insert(document, index_keys(item))
    return document


def _postings_insert(document: SimilarDocument, keys: list[str]) -> None:
    """The document's postings in one statement whose text never changes (the keys are one JSON
    parameter): building and compiling a bulk insert of twenty models cost more than the insert."""
    quote = connection.ops.quote_name
    moment = "CAST(%s AS timestamp with time zone)" if connection.vendor == "postgresql" else "%s"
    sql = (
        f"INSERT INTO {quote(SimilarPosting._meta.db_table)} (organization_id, document_id, {quote('key')}, closed_at) "  # noqa: S608
        f"SELECT %s, %s, k.value, {moment} FROM {json_keys_sql()}"
    )
    closed_at = connection.ops.adapt_datetimefield_value(document.closed_at)
    with connection.cursor() as cursor:
        execute_prepared(cursor, sql, [document.organization_id, document.pk, closed_at, json.dumps(list(keys))])
