import pytest
from django.core import mail

from outsourcer.accounts.models import Invitation
from outsourcer.accounts.services import invitation_url
from outsourcer.audit.models import Event
from outsourcer.contractors.models import EngagementStatus
from outsourcer.contractors.services import contractor_invite
from outsourcer.hiring.models import JobInvitation, JobStatus
from outsourcer.hiring.selectors import job_invite_choices
from outsourcer.hiring.services import job_invite
from outsourcer.lib.errors import DomainError, FieldErrors
from outsourcer.notifications.models import Notification
from outsourcer.testing.factories import ContractorFactory, EngagementFactory
from outsourcer.testing.hiring import insert_job, second_bidder

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(personas, frozen):
    return insert_job(personas, title="Spring menu photos")


def _invite(job, actor, *engagements, capture):
    with capture(execute=True):
        return job_invite(job=job, actor=actor, engagement_ids=[e.pk for e in engagements])


def test_it_invites_a_contractor_with_an_account_by_e_mail_and_in_the_app(
    personas, job, django_capture_on_commit_callbacks
):
    [invitation] = _invite(job, personas.bob, personas.carol_engagement, capture=django_capture_on_commit_callbacks)

    assert (invitation.contractor, invitation.invited_by) == (personas.carol_contractor, personas.bob)
    [message] = mail.outbox
    assert message.to == [personas.carol.email]
    assert message.subject == "You're invited to bid on “Spring menu photos” for Crumb & Co."
    assert f"/portal/hiring/jobs/{job.pk}/" in message.body
    assert "account" not in message.body
    assert Notification.objects.get(user=personas.carol).url == f"/portal/hiring/jobs/{job.pk}/"
    event = Event.objects.get(action="job_contractors_invited")
    assert event.after == {"contractors": ["Carol Contractor"]}


def test_inviting_twice_does_nothing_more(personas, job, django_capture_on_commit_callbacks):
    _invite(job, personas.bob, personas.carol_engagement, capture=django_capture_on_commit_callbacks)

    again = _invite(job, personas.alice, personas.carol_engagement, capture=django_capture_on_commit_callbacks)

    assert again == []
    assert JobInvitation.objects.count() == 1
    assert len(mail.outbox) == 1
    assert Event.objects.filter(action="job_contractors_invited").count() == 1


def test_a_contractor_without_an_account_gets_an_account_invitation_and_the_job_link(
    personas, job, django_capture_on_commit_callbacks
):
    erin = second_bidder(personas)

    _invite(job, personas.bob, erin, capture=django_capture_on_commit_callbacks)

    account = Invitation.objects.get(engagement=erin)
    assert account.kind == Invitation.Kind.CONTRACTOR
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "Crumb & Co. invites you to work with them on Outsourcer",
        "You're invited to bid on “Spring menu photos” for Crumb & Co.",
    ]
    job_mail = next(m for m in mail.outbox if "bid on" in m.subject)
    assert invitation_url(account) in job_mail.body
    assert f"/portal/hiring/jobs/{job.pk}/" in job_mail.body


def test_a_pending_account_invitation_is_reused_not_sent_again(personas, job, django_capture_on_commit_callbacks):
    erin = second_bidder(personas)
    with django_capture_on_commit_callbacks(execute=True):
        contractor_invite(engagement=erin, actor=personas.alice)
    mail.outbox.clear()

    _invite(job, personas.bob, erin, capture=django_capture_on_commit_callbacks)

    assert Invitation.objects.filter(engagement=erin).count() == 1
    assert [m.subject for m in mail.outbox] == ["You're invited to bid on “Spring menu photos” for Crumb & Co."]


def test_it_invites_several_at_once_and_names_them_in_the_event(personas, job, django_capture_on_commit_callbacks):
    erin = second_bidder(personas)

    invited = _invite(job, personas.bob, personas.carol_engagement, erin, capture=django_capture_on_commit_callbacks)

    assert {i.contractor.name for i in invited} == {"Carol Contractor", "Erin Bidder"}
    assert Event.objects.get(action="job_contractors_invited").after == {
        "contractors": ["Carol Contractor", "Erin Bidder"]
    }


def test_it_refuses_a_contractor_outside_the_directory(personas, job):
    with pytest.raises(FieldErrors) as caught:
        job_invite(
            job=job, actor=personas.bob, engagement_ids=[personas.carol_engagement.pk, personas.dan_engagement.pk]
        )

    assert caught.value.errors == {"engagement_ids": "Choose contractors from your directory."}
    assert not JobInvitation.objects.exists()


def test_it_refuses_an_ended_engagement_and_one_without_e_mail(personas, job):
    ended = EngagementFactory(organization=personas.org, contractor=ContractorFactory(name="Gone"), status="ended")
    silent = EngagementFactory(organization=personas.org, contractor=ContractorFactory(name="Quiet", email=""))

    with pytest.raises(FieldErrors) as caught:
        job_invite(job=job, actor=personas.bob, engagement_ids=[ended.pk])
    assert caught.value.errors == {"engagement_ids": "Your engagement with Gone has ended."}
    with pytest.raises(FieldErrors) as caught:
        job_invite(job=job, actor=personas.bob, engagement_ids=[silent.pk])
    assert caught.value.errors == {"engagement_ids": "Quiet has no e-mail address; add one on their page first."}


def test_it_refuses_an_empty_choice(personas, job):
    with pytest.raises(FieldErrors):
        job_invite(job=job, actor=personas.bob, engagement_ids=[])


@pytest.mark.parametrize("status", [JobStatus.DRAFT, JobStatus.CLOSED, JobStatus.CANCELLED])
def test_only_an_open_job_takes_invitations(personas, frozen, status):
    job = insert_job(personas, status=status)

    with pytest.raises(DomainError) as caught:
        job_invite(job=job, actor=personas.bob, engagement_ids=[personas.carol_engagement.pk])

    assert caught.value.code == "not_open"
    assert mail.outbox == []


def test_the_invite_choices_leave_out_the_invited_the_ended_and_the_unreachable(personas, job):
    erin = second_bidder(personas)
    EngagementFactory(organization=personas.org, contractor=ContractorFactory(name="Gone"), status="ended")
    EngagementFactory(organization=personas.org, contractor=ContractorFactory(name="Quiet", email=""))
    JobInvitation.objects.create(
        organization=personas.org, job=job, contractor=personas.carol_contractor, engagement=personas.carol_engagement
    )

    assert job_invite_choices(job=job) == [(erin.pk, "Erin Bidder (prospect, no account yet)")]
    assert erin.status == EngagementStatus.PROSPECT
