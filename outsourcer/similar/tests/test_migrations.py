"""Migration 0002 gives each posting its document's closed_at, so work closed before it does not
read as open once liveness is read from the postings."""

import pytest

from outsourcer.testing.builders import NOW
from outsourcer.testing.migrations import migrate_to

BEFORE = [("similar", "0001_similar")]
AFTER = [("similar", "0002_profile_and_live_postings")]


@pytest.mark.django_db(transaction=True)
def test_postings_take_their_documents_closed_at(personas):
    try:
        old = migrate_to(BEFORE)
        Document, Posting = old.get_model("similar", "SimilarDocument"), old.get_model("similar", "SimilarPosting")
        closed = Document.objects.create(
            organization_id=personas.org.pk, kind="task", object_id=1, title="Old", is_open=False, closed_at=NOW
        )
        open_ = Document.objects.create(organization_id=personas.org.pk, kind="task", object_id=2, title="New")
        for document in (closed, open_):
            Posting.objects.create(organization_id=personas.org.pk, document=document, key="w:photo")

        new = migrate_to(AFTER)
        postings = new.get_model("similar", "SimilarPosting").objects.order_by("document__object_id")
        assert [(p.document.object_id, p.closed_at) for p in postings] == [(1, NOW), (2, None)]
    finally:
        migrate_to(AFTER)
