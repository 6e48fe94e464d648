"""The similar-work index through the real task services: what it finds, for whom, and for how
long, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.lib.similarity import profile, profile_dump, profile_load
from outsourcer.similar.models import SimilarDocument
from outsourcer.similar.selectors import similar_find, similar_scan
from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.work import make_task
from outsourcer.work import services
from outsourcer.work.services.similar import task_index

pytestmark = pytest.mark.django_db


def _dan_contract(p):
    EngagementFactory(organization=p.org, contractor=p.dan_contractor)
    return make_contract(p, make_budget(p, name="Dan's budget", amount_cents=10**9), contractor=p.dan_contractor)


def _find(p, title, brief="", **kwargs):
    return similar_find(organization=p.org, title=title, brief=brief, **kwargs)


def test_it_finds_the_same_work_in_other_words(personas):
    task = make_task(personas, title="Refresh the shop photos", goal="New photos of every product for the online shop")
    make_task(personas, title="Write the May newsletter", goal="News and offers for subscribers")

    [match] = _find(personas, "Retake product pictures for the online store")

    assert (match.kind, match.id, match.contractor, match.duplicate) == ("task", task.pk, "Carol Contractor", True)
    assert 0.62 <= match.similarity <= 1


def test_it_finds_a_title_with_typos(personas):
    task = make_task(personas, title="Instagram captions for March")

    assert [match.id for match in _find(personas, "Instagarm captons for March") if match.duplicate] == [task.pk]


def test_it_does_not_call_other_periods_duplicates(personas):
    make_task(personas, title="Instagram captions for March")

    assert [match.duplicate for match in _find(personas, "Instagram captions for April")] in ([], [False])


def test_it_never_shows_another_organizations_work(personas):
    make_task(personas, title="Refresh the shop photos")

    assert similar_find(organization=personas.other_org, title="Refresh the shop photos") == []


def test_it_leaves_out_the_task_being_edited(personas):
    task = make_task(personas, title="Refresh the shop photos")

    assert _find(personas, "Refresh the shop photos", exclude=("task", task.pk)) == []


def test_an_edit_reindexes_the_new_words(personas):
    task = make_task(personas, title="Refresh the shop photos")
    services.task_update(task=task, actor=personas.alice, title="Translate the website into German")

    assert _find(personas, "Refresh the shop photos") == []
    assert [match.id for match in _find(personas, "German translation of the website")] == [task.pk]


def test_closed_work_shows_for_90_days(personas):
    task = make_task(personas, title="Refresh the shop photos")
    services.task_cancel(task=task, actor=personas.alice)
    document = SimilarDocument.objects.get(kind="task", object_id=task.pk)
    assert document.is_open is False

    [match] = _find(personas, "Refresh the shop photos")
    assert match.is_open is False
    later = document.closed_at + timedelta(days=91)
    assert _find(personas, "Refresh the shop photos", now=later) == []


def test_it_names_the_holder_of_each_match(personas):
    make_task(personas, title="Refresh the shop photos")
    make_task(personas, _dan_contract(personas), title="Retake the shop photos", duplicate_override_reason="Two shops")

    assert sorted(match.contractor for match in _find(personas, "Shop photos")) == [
        "Carol Contractor",
        "Dan Contractor",
    ]


def test_the_index_agrees_with_a_full_scan(personas):
    for title in ("Refresh the shop photos", "Instagram captions for March", "Fix the checkout bug on mobile"):
        make_task(personas, title=title)
    for query in ("Retake shop pictures", "Instagram captions for March", "Repair the broken checkout on phones"):
        indexed = [(m.id, m.similarity) for m in _find(personas, query)]
        assert indexed == [(m.id, m.similarity) for m in similar_scan(organization=personas.org, title=query)]


def test_it_reads_the_same_number_of_queries_with_1_or_40_tasks(personas):
    make_task(personas, title="Refresh the shop photos")
    with CaptureQueriesContext(connection) as one:
        _find(personas, "Retake the shop photos", "for the online store")
    for number in range(40):
        make_task(personas, title=f"Shop photos of product {number}", goal=f"Batch {number} of the photos")
    with CaptureQueriesContext(connection) as many:
        _find(personas, "Retake the shop photos", "for the online store")
    assert len(one) == len(many) == 2


def test_a_blank_title_finds_nothing(personas):
    make_task(personas, title="Refresh the shop photos")

    assert _find(personas, "   ", "the and of") == []


def test_it_scores_the_profile_stored_with_the_entry(personas):
    task = make_task(personas, title="Refresh the shop photos", goal="New photos for the online shop")
    document = SimilarDocument.objects.get(kind="task", object_id=task.pk)
    assert profile_load(document.profile) == profile(document.title, document.text)

    # What the entry holds is what is compared: a stored profile of other words is matched as those.
    other = profile_dump(profile("Translate the website into German"))
    SimilarDocument.objects.filter(pk=document.pk).update(profile=other)
    assert _find(personas, "Retake the shop pictures") == []


def test_an_entry_of_older_words_is_read_from_its_text_until_reindexed(personas):
    task = make_task(personas, title="Refresh the shop photos")
    SimilarDocument.objects.filter(kind="task", object_id=task.pk).update(profile={"version": "0-old"})

    with CaptureQueriesContext(connection) as queries:
        [match] = _find(personas, "Retake the shop pictures")
    assert (match.id, match.duplicate, len(queries)) == (task.pk, True, 2)

    task_index(task)  # what similar_reindex does for every row
    assert profile_load(SimilarDocument.objects.get(kind="task", object_id=task.pk).profile) is not None


def test_an_entry_written_closed_gives_its_postings_the_moment_it_closed(personas):
    task = make_task(personas, title="Refresh the shop photos")
    services.task_cancel(task=task, actor=personas.alice)
    SimilarDocument.objects.all().delete()  # as before `similar_reindex`: the entry is written anew, closed

    task.refresh_from_db()
    task_index(task)

    document = SimilarDocument.objects.get(kind="task", object_id=task.pk)
    assert document.is_open is False and document.closed_at is not None
    postings = list(document.postings.values_list("key", "closed_at"))
    assert postings and {closed_at for _, closed_at in postings} == {document.closed_at}
    assert "w:shop" in {key for key, _ in postings}
    later = document.closed_at + timedelta(days=91)
    assert [m.id for m in _find(personas, "Refresh the shop photos")] == [task.pk]
    assert _find(personas, "Refresh the shop photos", now=later) == []


def test_a_new_task_is_indexed_without_reading_or_clearing_an_entry(personas):
    make_task(personas)  # the contract and the first entry
    with CaptureQueriesContext(connection) as captured:
        task = make_task(personas, title="Refresh the shop photos")
    statements = [query["sql"].lower() for query in captured.captured_queries]
    assert not [sql for sql in statements if sql.startswith("delete")]
    assert not [sql for sql in statements if "from" in sql and "similar_similardocument" in sql.split("from")[1][:40]]
    assert [m.id for m in _find(personas, "Refresh the shop photos")] == [task.pk]
