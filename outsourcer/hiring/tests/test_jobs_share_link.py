from datetime import timedelta

import pytest
import time_machine

from outsourcer.audit.models import Event
from outsourcer.hiring.models import JobStatus
from outsourcer.hiring.selectors import JobShareLinkUnusable, job_for_share_token, job_share_token, job_share_url
from outsourcer.hiring.services import job_share_link_create, job_share_link_revoke, job_status_change
from outsourcer.hiring.tokens import token_make
from outsourcer.lib.errors import DomainError, FieldErrors
from outsourcer.testing.builders import NOW
from outsourcer.testing.hiring import insert_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(personas, frozen):
    return insert_job(personas, title="Spring menu photos", bids_due_at=NOW + timedelta(days=30))


def _reason(token: str) -> str:
    with pytest.raises(JobShareLinkUnusable) as caught:
        job_for_share_token(token)
    return caught.value.code


def test_it_publishes_a_link_valid_for_14_days_by_default(personas, job):
    job = job_share_link_create(job=job, actor=personas.bob)

    assert job.share_expires_at == NOW + timedelta(days=14)
    assert job_for_share_token(job_share_token(job)) == job
    assert job_share_url(job).endswith(f"/h/jobs/{job_share_token(job)}/")
    assert Event.objects.get(action="job_share_link_created").after["replaced"] is False


def test_the_default_lifetime_is_a_setting_and_each_link_may_choose(personas, job, settings):
    settings.HIRING_SHARE_LINK_DAYS = 3
    assert job_share_link_create(job=job, actor=personas.bob).share_expires_at == NOW + timedelta(days=3)
    assert job_share_link_create(job=job, actor=personas.bob, days=30).share_expires_at == NOW + timedelta(days=30)
    settings.HIRING_SHARE_LINK_DAYS = 365  # held to the longest a link may last
    assert job_share_link_create(job=job, actor=personas.bob).share_expires_at == NOW + timedelta(days=90)


@pytest.mark.parametrize("days", [0, 91, -1])
def test_a_lifetime_out_of_range_is_refused(personas, job, days):
    with pytest.raises(FieldErrors) as caught:
        job_share_link_create(job=job, actor=personas.bob, days=days)

    assert caught.value.errors == {"days": "A share link lasts from 1 to 90 days."}


def test_a_revoked_link_says_so(personas, job):
    token = job_share_token(job_share_link_create(job=job, actor=personas.bob))

    job_share_link_revoke(job=job, actor=personas.bob)

    assert _reason(token) == "revoked"
    job.refresh_from_db()
    assert (job.share_nonce, job.share_expires_at) == ("", None)


def test_a_new_link_revokes_the_old_one(personas, job):
    old = job_share_token(job_share_link_create(job=job, actor=personas.bob))
    new = job_share_token(job_share_link_create(job=job, actor=personas.bob))

    assert _reason(old) == "revoked"
    assert job_for_share_token(new) == job
    assert Event.objects.filter(action="job_share_link_created").order_by("pk").last().after["replaced"] is True


def test_an_expired_link_says_so(personas, job):
    token = job_share_token(job_share_link_create(job=job, actor=personas.bob, days=2))

    with time_machine.travel(NOW + timedelta(days=2, seconds=1), tick=False):
        assert _reason(token) == "expired"


def test_a_link_to_a_job_that_closed_says_so(personas, job):
    token = job_share_token(job_share_link_create(job=job, actor=personas.bob))
    job_status_change(job=job, actor=personas.bob, status="closed")

    with pytest.raises(JobShareLinkUnusable) as caught:
        job_for_share_token(token)

    assert caught.value.code == "closed"
    assert caught.value.message == "“Spring menu photos” no longer takes bids: it is closed."


def test_a_link_past_the_bid_deadline_says_the_job_no_longer_takes_bids(personas, frozen):
    job = insert_job(personas, bids_due_at=NOW + timedelta(days=1))
    token = job_share_token(job_share_link_create(job=job, actor=personas.bob))

    with time_machine.travel(NOW + timedelta(days=1, minutes=1), tick=False):
        assert _reason(token) == "closed"


@pytest.mark.parametrize("token", ["", "nonsense", "a" * 300])
def test_an_altered_or_made_up_link_is_invalid(personas, job, token):
    assert _reason(token) == "invalid"


def test_a_link_of_another_kind_or_to_a_missing_job_is_invalid(personas, job):
    job = job_share_link_create(job=job, actor=personas.bob)

    assert _reason(token_make(kind="reference", row_id=job.pk, nonce=job.share_nonce)) == "invalid"
    assert _reason(token_make(kind="job-share", row_id=job.pk + 99, nonce=job.share_nonce)) == "invalid"
    assert _reason(job_share_token(job)[:-2] + "xx") == "invalid"


@pytest.mark.parametrize("status", [JobStatus.DRAFT, JobStatus.CLOSED])
def test_only_an_open_job_is_shared(personas, frozen, status):
    with pytest.raises(DomainError) as caught:
        job_share_link_create(job=insert_job(personas, status=status), actor=personas.bob)

    assert caught.value.code == "not_open"


def test_revoking_without_a_link_is_refused(personas, job):
    with pytest.raises(DomainError) as caught:
        job_share_link_revoke(job=job, actor=personas.bob)

    assert caught.value.code == "no_share_link"
    assert not Event.objects.filter(action="job_share_link_revoked").exists()
