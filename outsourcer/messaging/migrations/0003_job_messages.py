# Hiring's bidder Q&A (hiring.JobMessage) joins the one message store: one thread per (job,
# contractor), every message delivered when it was written (the old rows were never held).
# Reversible: going back copies the job messages into JobMessage again (their urgent flags and
# attachments, which JobMessage cannot hold, are lost) and removes them here.

from django.db import migrations

CHUNK = 1000


def _chunks(ids):
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def job_messages_move(apps, schema_editor):
    JobMessage = apps.get_model("hiring", "JobMessage")
    Thread = apps.get_model("messaging", "Thread")
    Message = apps.get_model("messaging", "Message")
    threads: dict[tuple[int, int], int] = {}
    last: dict[int, object] = {}
    # Oldest first, so the new ids keep the threads' order.
    ids = list(JobMessage.objects.order_by("created_at", "pk").values_list("pk", flat=True))
    for chunk in _chunks(ids):
        rows = sorted(JobMessage.objects.filter(pk__in=chunk), key=lambda row: (row.created_at, row.pk))
        messages = []
        for row in rows:
            key = (row.job_id, row.contractor_id)
            if key not in threads:
                threads[key] = Thread.objects.create(
                    organization_id=row.organization_id,
                    job_id=row.job_id,
                    contractor_id=row.contractor_id,
                    created_at=row.created_at,
                ).pk
            last[threads[key]] = row.created_at
            messages.append(
                Message(
                    organization_id=row.organization_id,
                    job_id=row.job_id,
                    contractor_id=row.contractor_id,
                    thread_id=threads[key],
                    author_id=row.author_id,
                    from_contractor=row.from_contractor,
                    body=row.body,
                    created_at=row.created_at,
                    deliver_at=row.created_at,
                    read_at=row.read_at,
                )
            )
        Message.objects.bulk_create(messages)
    for thread_id, at in last.items():
        Thread.objects.filter(pk=thread_id).update(last_message_at=at)


def job_messages_move_back(apps, schema_editor):
    JobMessage = apps.get_model("hiring", "JobMessage")
    Thread = apps.get_model("messaging", "Thread")
    Message = apps.get_model("messaging", "Message")
    ids = list(Message.objects.filter(job__isnull=False).order_by("pk").values_list("pk", flat=True))
    for chunk in _chunks(ids):
        JobMessage.objects.bulk_create(
            JobMessage(
                organization_id=row.organization_id,
                job_id=row.job_id,
                contractor_id=row.contractor_id,
                author_id=row.author_id,
                from_contractor=row.from_contractor,
                body=row.body or row.attachment_name,
                created_at=row.created_at,
                read_at=row.read_at,
            )
            for row in Message.objects.filter(pk__in=chunk).order_by("pk")
        )
    Message.objects.filter(job__isnull=False).delete()
    Thread.objects.filter(job__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("hiring", "0002_interviews_sequence"),
        ("messaging", "0002_jobs"),
    ]

    operations = [
        migrations.RunPython(job_messages_move, job_messages_move_back),
    ]
