"""Demo feedback for Crumb & Co. Bakery (`manage.py demo`; oversight's demo.py calls `load`): three
finished tasks with accepted hand-overs — two with feedback, one still owed (accepted three days
ago, so the reminder has gone) — and three contractors' ratings of the bakery, enough for the
Health Check to show their averages. Inserted with the models, dated in the past, after work's
demo (its contracts and people)."""

from datetime import timedelta

from django.utils import timezone

from outsourcer.contracts.models import Contract
from outsourcer.lib.demo_context import DemoContext
from outsourcer.lib.timezones import next_working_moment
from outsourcer.oversight.models import (
    Deliverable,
    DeliverableStatus,
    DeliverableVersion,
    Feedback,
    OrganizationRating,
    Review,
    ReviewDecision,
)
from outsourcer.work.models import Task, TaskStatus

# (contractor key, title, days since accepted, version accepted, feedback ratings and comment or None,
#  the contractor's rating of the bakery: brief clarity, responsiveness, payment timeliness)
FINISHED = [
    ("carol", "Easter menu photos", 12, 1, (5, 5, 4, "Beautiful light, and early. Keep the warm tones."), (4, 5, 5)),
    ("joy", "Valentine's order replies", 9, 2, (4, 3, 5, "Friendly replies; two came a day late."), (3, 4, 5)),
    ("carol", "Spring newsletter photos", 3, 1, None, (5, 4, 4)),
]


def _inside_hours(contractor, moment):
    # The brief check asks for a deadline inside the contractor's hours, and the Health Check counts it.
    return next_working_moment(moment, contractor.time_zone, contractor.working_hours)


def load(context: DemoContext) -> None:
    organization, people = context.organization, context.people
    now = timezone.now()
    made = 0
    for key, title, days, version, feedback, rating in FINISHED:
        engagement = people.get(f"{key}_engagement")
        contract = Contract.objects.filter(organization=organization, engagement=engagement).order_by("pk").first()
        if engagement is None or contract is None:
            continue
        accepted_at = now - timedelta(days=days)
        task = Task.objects.create(
            organization=organization,
            contract=contract,
            contractor=engagement.contractor,
            engagement=engagement,
            title=title,
            goal=f"{title} for the shop.",
            deliverables="Files in the shared folder.",
            acceptance_criteria=["Approved by Alice"],
            deadline_at=_inside_hours(engagement.contractor, accepted_at + timedelta(hours=6)),
            estimate_minutes=4 * 60,
            status=TaskStatus.DONE,
            sent_at=accepted_at - timedelta(days=8),
            accepted_at=accepted_at - timedelta(days=7, hours=20),
            submitted_at=accepted_at - timedelta(hours=5),
            done_at=accepted_at,
            created_by=people["alice"],
            created_at=accepted_at - timedelta(days=9),
        )
        _handover(task, people, accepted_at, version, feedback)
        brief, responsive, paid = rating
        OrganizationRating.objects.create(
            organization=organization,
            task=task,
            contractor=engagement.contractor,
            brief_clarity=brief,
            responsiveness=responsive,
            payment_timeliness=paid,
            created_at=accepted_at + timedelta(hours=3),
        )
        made += 1
    context.loaded.append(f"{made} finished tasks with hand-overs, feedback (one owed) and ratings of the bakery")


def _handover(task: Task, people, accepted_at, versions: int, feedback) -> None:
    deliverable = Deliverable.objects.create(
        organization=task.organization,
        task=task,
        contractor=task.contractor,
        title=task.title,
        status=DeliverableStatus.ACCEPTED,
        version=versions,
        created_at=accepted_at - timedelta(days=2),
        submitted_at=accepted_at - timedelta(hours=5),
        decided_at=accepted_at,
        accepted_at=accepted_at,
    )
    for number in range(1, versions + 1):
        submitted = accepted_at - timedelta(hours=5 + 24 * (versions - number))
        version = DeliverableVersion.objects.create(
            organization=task.organization,
            deliverable=deliverable,
            contractor=task.contractor,
            number=number,
            note="In the shared folder.",
            links=["https://drive.example/crumb/" + str(task.pk)],
            submitted_at=submitted,
        )
        last = number == versions
        decided = accepted_at if last else submitted + timedelta(hours=3)
        Review.objects.create(
            organization=task.organization,
            deliverable=deliverable,
            version=version,
            contractor=task.contractor,
            decision=ReviewDecision.ACCEPT if last else ReviewDecision.CHANGES,
            reasons=[] if last else ["incomplete"],
            comment="" if last else "Two replies are missing.",
            reviewer=people["alice"],
            decided_at=decided,
            latency_minutes=int((decided - submitted).total_seconds() // 60),
        )
    if feedback is not None:
        quality, timeliness, communication, comment = feedback
        Feedback.objects.create(
            organization=task.organization,
            deliverable=deliverable,
            task=task,
            contractor=task.contractor,
            quality=quality,
            timeliness=timeliness,
            communication=communication,
            comment=comment,
            private_note="Worth a bigger retainer." if quality == 5 else "",
            given_by=people["alice"],
            created_at=accepted_at + timedelta(hours=2),
        )
