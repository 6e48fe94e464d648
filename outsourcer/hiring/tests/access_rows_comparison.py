"""Access-matrix rows for the bid comparison (page and CSV) and the trust score page."""

from outsourcer.testing.hiring import insert_bid, insert_job
from tests.access_matrix import ORG_READ, Row, expect

FOREIGN_READ = expect(302, 404, 404, 404, 404, 404, 404)


def _job(p):
    job = insert_job(p)
    insert_bid(job, p.carol_engagement)
    return {"org_slug": p.org.slug, "job_id": job.pk}


def _oscars_job(p):
    return {"org_slug": p.org.slug, "job_id": insert_job(p, organization=p.other_org).pk}


ROWS = [
    Row("hiring:job-compare", ORG_READ, kwargs=_job),
    Row("hiring:job-compare", FOREIGN_READ, kwargs=_oscars_job, note="foreign job"),
    Row("hiring:job-compare-csv", ORG_READ, kwargs=_job),
    Row("hiring:job-compare-csv", FOREIGN_READ, kwargs=_oscars_job, note="foreign job"),
    Row("hiring:trust", ORG_READ, kwargs=lambda p: {"org_slug": p.org.slug, "engagement_id": p.carol_engagement.pk}),
    Row(
        "hiring:trust",
        FOREIGN_READ,
        kwargs=lambda p: {"org_slug": p.org.slug, "engagement_id": p.dan_engagement.pk},
        note="foreign engagement",
    ),
]
