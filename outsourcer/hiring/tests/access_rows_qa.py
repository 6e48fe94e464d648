"""Access-matrix rows for the attachments of the bidders' Q&A (messaging, one thread per job and
bidder): the organization's members download them; on the portal only the bidder whose thread it
is, once it has reached them. Dan is invited to the same job and still never reaches Carol's
thread."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from outsourcer.hiring.tests.access_rows_bids import CAROL_PAGE, _open_job
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.hiring import insert_invitation, insert_job_message
from outsourcer.testing.rows import RECEIPT_NAME
from tests.access_matrix import ORG_READ, Row, expect

NOBODYS = expect(302, 404, 404, 404, 404, 404, 404)


def _attachment(*, portal: bool, held: bool = False):
    def kwargs(p):
        if not default_storage.exists(RECEIPT_NAME):
            default_storage.save(RECEIPT_NAME, ContentFile(b"%PDF-1.4\n% access matrix receipt\n"))
        job = _open_job(p)
        insert_invitation(job, EngagementFactory(organization=p.org, contractor=p.dan_contractor))
        now = timezone.now()
        message = insert_job_message(
            job, p.carol_contractor, author=p.bob, from_contractor=False, body="See the file", at=now,
            deliver_at=now + timedelta(days=1) if held else now,
            attachment=RECEIPT_NAME, attachment_name="brief.pdf", attachment_size=40,
        )  # fmt: skip
        if portal:
            return {"job_id": job.pk, "message_id": message.pk}
        return {"org_slug": p.org.slug, "job_id": job.pk, "contractor_id": p.carol_contractor.pk,
                "message_id": message.pk}  # fmt: skip

    return kwargs


ROWS = [
    Row("hiring:job-thread-attachment", ORG_READ, kwargs=_attachment(portal=False)),
    Row("hiring:job-thread-attachment", ORG_READ, kwargs=_attachment(portal=False, held=True),
        note="a held answer is the organization's to read"),
    Row("hiring-portal:job-message-attachment", CAROL_PAGE, kwargs=_attachment(portal=True)),
    Row("hiring-portal:job-message-attachment", NOBODYS, kwargs=_attachment(portal=True, held=True),
        note="a held answer"),
]  # fmt: skip
