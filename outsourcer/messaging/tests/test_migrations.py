"""The data migration that moves hiring's JobMessage rows into messaging (0003), both ways: one
thread per (job, bidder), every message delivered when it was written, read state kept; going back
restores the JobMessage rows and leaves no job thread behind."""

from datetime import timedelta

import pytest

from outsourcer.testing.builders import NOW
from outsourcer.testing.hiring import insert_job, second_bidder
from outsourcer.testing.migrations import migrate_to

BEFORE = [("hiring", "0003_similar"), ("messaging", "0002_jobs")]
AFTER = [("hiring", "0004_job_messages_moved"), ("messaging", "0003_job_messages")]


@pytest.mark.django_db(transaction=True)
def test_job_messages_move_into_the_one_store_and_back(personas):
    job = insert_job(personas, created_by=personas.alice)
    erin = second_bidder(personas).contractor
    try:
        old = migrate_to(BEFORE)
        JobMessage = old.get_model("hiring", "JobMessage")
        rows = [
            (personas.carol_contractor, True, "Is Saturday fine?", NOW, NOW + timedelta(hours=1)),
            (erin, True, "Do you need a tripod?", NOW + timedelta(minutes=5), None),
            (personas.carol_contractor, False, "Saturday works.", NOW + timedelta(hours=1), None),
        ]
        for contractor, from_contractor, body, at, read_at in rows:
            JobMessage.objects.create(
                organization_id=personas.org.pk, job_id=job.pk, contractor_id=contractor.pk,
                author_id=personas.carol.pk if from_contractor else personas.bob.pk,
                from_contractor=from_contractor, body=body, created_at=at, read_at=read_at,
            )  # fmt: skip

        new = migrate_to(AFTER)
        Thread, Message = new.get_model("messaging", "Thread"), new.get_model("messaging", "Message")
        threads = {t.contractor_id: t for t in Thread.objects.filter(job_id=job.pk)}
        assert set(threads) == {personas.carol_contractor.pk, erin.pk}
        carols = Message.objects.filter(thread=threads[personas.carol_contractor.pk]).order_by("id")
        assert [(m.body, m.from_contractor, m.task_id) for m in carols] == [
            ("Is Saturday fine?", True, None),
            ("Saturday works.", False, None),
        ]
        assert all(m.deliver_at == m.created_at and not m.urgent for m in carols)
        assert carols[0].read_at == NOW + timedelta(hours=1) and carols[1].read_at is None
        assert threads[personas.carol_contractor.pk].last_message_at == NOW + timedelta(hours=1)
        assert Message.objects.filter(contractor_id=erin.pk, job_id=job.pk).count() == 1

        old = migrate_to(BEFORE)
        restored = old.get_model("hiring", "JobMessage").objects.order_by("created_at")
        assert [(m.contractor_id, m.body) for m in restored] == [
            (personas.carol_contractor.pk, "Is Saturday fine?"),
            (erin.pk, "Do you need a tripod?"),
            (personas.carol_contractor.pk, "Saturday works."),
        ]
        assert not old.get_model("messaging", "Thread").objects.filter(job__isnull=False).exists()
    finally:
        migrate_to(AFTER)
