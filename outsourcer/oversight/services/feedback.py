"""Feedback both ways. The organization gives feedback on accepted work (three ratings 1–5, a
comment the contractor reads, a private note that stays inside the organization); the contractor
rates the organization once per task (brief clarity, responsiveness, payment timeliness).

A contractor's rating of the organization records no audit event: the organization reads the
activity page, and an event naming who rated, and when, would undo the promise that it sees only
averages of three or more ratings (selectors/feedback.py::organization_rating_summary)."""

from django.db import IntegrityError, transaction
from django.urls import reverse

from outsourcer.accounts.models import User
from outsourcer.audit.events import event_record
from outsourcer.contractors.models import Contractor
from outsourcer.lib.errors import DomainError
from outsourcer.lib.validation import Errors
from outsourcer.notifications.email import email_send_on_commit
from outsourcer.notifications.services import notification_create
from outsourcer.oversight import events
from outsourcer.oversight.models import RATING_RANGE, Deliverable, DeliverableStatus, Feedback, OrganizationRating
from outsourcer.work.models import Task, TaskStatus

MAX_COMMENT = 5_000
RATING = "Choose 1 to 5 stars."
NOT_ACCEPTED = "Feedback is given on accepted work."
FEEDBACK_GIVEN = "Feedback on this work has been given already."
NOT_FINISHED = "You can rate the organization once the task is done or some of your work on it was accepted."
RATED = "You have rated the organization on this task already."
FEEDBACK_KIND = "feedback_received"

FEEDBACK_RATINGS = ("quality", "timeliness", "communication")
ORGANIZATION_RATINGS = ("brief_clarity", "responsiveness", "payment_timeliness")


def _ratings(errors: Errors, values: dict, names: tuple[str, ...]) -> dict[str, int | None]:
    low, high = RATING_RANGE
    return {
        name: errors.integer(
            values.get(name), field=name, label=name.replace("_", " ").capitalize(), minimum=low, maximum=high,
            message=RATING,
        )
        for name in names
    }  # fmt: skip


def feedback_give(
    *,
    deliverable: Deliverable,
    actor: User,
    quality,
    timeliness,
    communication,
    comment: str = "",
    private_note: str = "",
) -> Feedback:
    """Feedback on an accepted deliverable, once. The caller has checked the role ("feedback.give")
    and that the work is not the actor's own. Tells the contractor (in-app and by e-mail), without
    the private note. Raises FieldErrors for bad input, DomainError when not accepted or given."""
    errors = Errors()
    ratings = _ratings(errors, {"quality": quality, "timeliness": timeliness, "communication": communication},
                       FEEDBACK_RATINGS)  # fmt: skip
    comment = errors.text(comment, field="comment", label="Comment", max_length=MAX_COMMENT, required=False)
    private_note = errors.text(
        private_note, field="private_note", label="Private note", max_length=MAX_COMMENT, required=False
    )
    errors.raise_if_any()
    with transaction.atomic():
        deliverable = (
            Deliverable.objects.select_for_update(of=("self",))
            .select_related("organization", "task", "contractor", "contractor__user")
            .get(pk=deliverable.pk)
        )
        if deliverable.status != DeliverableStatus.ACCEPTED:
            raise DomainError(NOT_ACCEPTED, code="deliverable_not_accepted")
        if Feedback.objects.filter(deliverable=deliverable).exists():
            raise DomainError(FEEDBACK_GIVEN, code="feedback_given")
        feedback = Feedback.objects.create(
            organization_id=deliverable.organization_id,
            deliverable=deliverable,
            task_id=deliverable.task_id,
            contractor_id=deliverable.contractor_id,
            comment=comment,
            private_note=private_note,
            given_by=actor,
            **ratings,
        )
        event_record(
            action=events.FEEDBACK_GIVEN,
            organization=deliverable.organization,
            actor=actor,
            obj=deliverable,
            after=ratings,
        )
        _tell_contractor(deliverable, feedback)
    return feedback


def _tell_contractor(deliverable: Deliverable, feedback: Feedback) -> None:
    user = deliverable.contractor.user
    if user is None or not user.is_active:
        return
    organization = deliverable.organization
    url = reverse("feedback-portal:list")
    message = (
        f"{organization.name} gave feedback on “{deliverable.title}”: quality {feedback.quality}/5, "
        f"timeliness {feedback.timeliness}/5, communication {feedback.communication}/5."
    )
    notification_create(user=user, organization=organization, kind=FEEDBACK_KIND, message=message, url=url)
    email_send_on_commit(
        to=user.email,
        subject=f"Feedback from {organization.name}: {deliverable.title}",
        template="emails/feedback_received.txt",
        context={"name": user.display_name, "message": message, "comment": feedback.comment, "url": url},
    )


def organization_ratable(task: Task) -> bool:
    """True when the task's contractor may rate the organization on it: the task is done, or some
    of the work handed over on it was accepted."""
    if task.status == TaskStatus.DONE:
        return True
    return Deliverable.objects.filter(task=task, status=DeliverableStatus.ACCEPTED).exists()


def organization_rate(
    *, task: Task, contractor: Contractor, brief_clarity, responsiveness, payment_timeliness, comment: str = ""
) -> OrganizationRating:
    """The contractor's rating of the task's organization, once per task (the caller has checked the
    task is the contractor's own). Raises FieldErrors for bad input, DomainError before the task is
    done (or work on it accepted) and on a second rating."""
    errors = Errors()
    ratings = _ratings(
        errors,
        {"brief_clarity": brief_clarity, "responsiveness": responsiveness, "payment_timeliness": payment_timeliness},
        ORGANIZATION_RATINGS,
    )
    comment = errors.text(comment, field="comment", label="Comment", max_length=MAX_COMMENT, required=False)
    errors.raise_if_any()
    if not organization_ratable(task):
        raise DomainError(NOT_FINISHED, code="task_not_finished")
    if OrganizationRating.objects.filter(task=task, contractor=contractor).exists():
        raise DomainError(RATED, code="organization_rated")
    try:
        with transaction.atomic():
            return OrganizationRating.objects.create(
                organization_id=task.organization_id, task=task, contractor=contractor, comment=comment, **ratings
            )
    except IntegrityError as exc:  # a second request at the same moment: the unique key holds
        raise DomainError(RATED, code="organization_rated") from exc
