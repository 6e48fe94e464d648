"""Who hears about a hand-over: the task's author (or, without one, the organization's owners and
managers) when work is handed over; the contractor when it is accepted or changes are asked for
(in-app at once, by e-mail inside their working hours). Called inside the service's transaction:
e-mails go on commit."""

from django.urls import reverse

from outsourcer.accounts.models import Membership, User
from outsourcer.accounts.roles import RUNNERS
from outsourcer.notifications.deferred import email_send_in_working_hours
from outsourcer.notifications.email import email_send_on_commit
from outsourcer.notifications.services import notification_create
from outsourcer.oversight.models import ChangeReason, Deliverable, Review, ReviewDecision

HANDED_OVER_KIND = "deliverable_submitted"
DECIDED_KIND = "deliverable_decided"
REVIEW_WAITING_KIND = "deliverable_review_waiting"


def deliverable_org_url(deliverable: Deliverable) -> str:
    return reverse(
        "oversight:deliverable",
        kwargs={"org_slug": deliverable.organization.slug, "deliverable_id": deliverable.pk},
    )


def deliverable_portal_url(deliverable: Deliverable) -> str:
    return reverse("oversight-portal:detail", kwargs={"deliverable_id": deliverable.pk})


def deliverable_runners(deliverable: Deliverable) -> list[User]:
    """The organization's active owners and managers, who review hand-overs."""
    memberships = Membership.objects.filter(
        organization_id=deliverable.organization_id, role__in=RUNNERS, user__is_active=True
    ).select_related("user")
    return [membership.user for membership in memberships.order_by("user_id")]


def _tell_org(deliverable: Deliverable, users: list[User], *, kind: str, subject: str, message: str) -> None:
    url = deliverable_org_url(deliverable)
    for user in users:
        notification_create(user=user, organization=deliverable.organization, kind=kind, message=message, url=url)
        email_send_on_commit(
            to=user.email,
            subject=subject,
            template="emails/deliverable_org.txt",
            context={"name": user.display_name, "message": message, "url": url},
        )


def deliverable_submitted_notify(*, deliverable: Deliverable, number: int) -> None:
    """Tell the task's author (else the owners and managers) that work waits for their review."""
    author = deliverable.task.created_by
    users = [author] if author is not None and author.is_active else deliverable_runners(deliverable)
    again = f" (version {number})" if number > 1 else ""
    message = f"{deliverable.contractor.name} handed over “{deliverable.title}”{again}. Accept it or ask for changes."
    _tell_org(
        deliverable,
        users,
        kind=HANDED_OVER_KIND,
        subject=f"Handed over: {deliverable.title} ({deliverable.contractor.name})",
        message=message,
    )


def review_waiting_notify(*, deliverable: Deliverable, working_days: int) -> None:
    """Remind the owners and managers that a hand-over waits for review."""
    message = (
        f"“{deliverable.title}” from {deliverable.contractor.name} has waited more than {working_days} working "
        "days for your review. Accept it or ask for changes: the contractor is waiting."
    )
    _tell_org(
        deliverable,
        deliverable_runners(deliverable),
        kind=REVIEW_WAITING_KIND,
        subject=f"Waiting for review: {deliverable.title}",
        message=message,
    )


def deliverable_decided_notify(*, deliverable: Deliverable, review: Review) -> None:
    """Tell the contractor the organization's decision, with the reasons and the comment."""
    contractor = deliverable.contractor
    user = contractor.user
    if user is None or not user.is_active:
        return
    organization = deliverable.organization
    if review.decision == ReviewDecision.ACCEPT:
        subject = f"Accepted: {deliverable.title}"
        message = f"{organization.name} accepted “{deliverable.title}”."
    else:
        subject = f"Changes requested: {deliverable.title}"
        reasons = "; ".join(ChangeReason(reason).label for reason in review.reasons)
        message = f"{organization.name} asked for changes to “{deliverable.title}”: {reasons}."
    url = deliverable_portal_url(deliverable)
    notification_create(user=user, organization=organization, kind=DECIDED_KIND, message=message, url=url)
    email_send_in_working_hours(
        to=user.email,
        subject=f"{subject} ({organization.name})",
        template="emails/deliverable_decided.txt",
        context={"name": contractor.name, "message": message, "comment": review.comment, "url": url},
        time_zone=contractor.time_zone,
        working_hours=contractor.working_hours,
    )
