"""Demo tasks for Crumb & Co. Bakery (`manage.py demo`, see lib/demo_context.py): tasks in every
state on the demo's contracts, a thread on the sourdough shoot with an urgent message and one held
until Carol's next working window, and a weekly check-in cadence whose latest check-in says at risk.

The rows are inserted with the models directly, with dates relative to now: the task services
stamp their own clock (sent, accepted, submitted, check-in times), and the demo needs history
days in the past; the rows are the ones the services write.
"""

from datetime import timedelta

from django.utils import timezone

from outsourcer.contracts.models import Contract
from outsourcer.lib.demo_context import DemoContext
from outsourcer.lib.timezones import next_working_moment
from outsourcer.lib.working_time import previous_working_end
from outsourcer.messaging.models import Message, Thread
from outsourcer.work.models import Task, TaskStatus
from outsourcer.work.models_checkins import CadenceKind, CheckIn, CheckInCadence, CheckInStatus
from outsourcer.work.services.similar import task_index
from outsourcer.work.week import zone_of

LOGINS: list = []

# (status, contractor key, title, goal, deliverables, deadline in days or None, extra fields)
TASKS = [
    (TaskStatus.DRAFT, "carol", "Window display photos ASAP",
     "Photos of the new window display.", "Some photos, ASAP.", None, {}),
    (TaskStatus.SENT, "carol", "Hot cross buns close-ups",
     "Close-ups of the hot cross buns for the Easter page.", "10 edited photos, 2000 px JPEG.", 9, {}),
    (TaskStatus.ACCEPTED, "joy", "Easter order confirmations",
     "Every Easter pre-order gets a confirmation the same evening.", "Replies sent from the shop inbox.", 12, {}),
    (TaskStatus.QUESTION, "carol", "Cake counter reshoot",
     "Reshoot the cake counter with the new lighting.", "8 edited photos.", 6,
     {"question": "Should the seasonal tarts be in the shot, or only the layer cakes?"}),
    (TaskStatus.DECLINED, "joy", "Weekend phone orders",
     "Answer phone orders on Saturday mornings.", "Orders entered in the order book.", 5,
     {"decline_reason": "I am not available on weekends this month."}),
    (TaskStatus.IN_PROGRESS, "carol", "Sourdough launch shoot",
     "Photos and a short reel for the sourdough launch.", "15 edited photos and one 30-second reel.", 4, {}),
    (TaskStatus.SUBMITTED, "carol", "Instagram crops for March",
     "Square and vertical crops of the March photos.", "30 crops in the shared folder.", 2, {}),
    (TaskStatus.DONE, "joy", "Inbox clean-up after Valentine's",
     "Answer and archive every Valentine's order e-mail.", "Inbox at zero, open questions listed.", -10, {}),
    (TaskStatus.CANCELLED, "carol", "Christmas stollen photos",
     "Photos of the stollen for next Christmas's catalogue.", "12 photos.", 40, {}),
]  # fmt: skip


def load(context: DemoContext) -> None:
    organization, people = context.organization, context.people
    now = timezone.now()
    tasks = {}
    for status, key, title, goal, deliverables, days, extra in TASKS:
        engagement = people[f"{key}_engagement"]
        contract = Contract.objects.filter(organization=organization, engagement=engagement).order_by("pk").first()
        if contract is None:
            continue
        started = status not in (TaskStatus.DRAFT,)
        accepted = status in (TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS, TaskStatus.SUBMITTED, TaskStatus.DONE)
        tasks[status] = Task.objects.create(
            organization=organization,
            contract=contract,
            contractor=engagement.contractor,
            engagement=engagement,
            title=title,
            goal=goal,
            deliverables=deliverables,
            acceptance_criteria=[] if status == TaskStatus.DRAFT else ["Approved by Alice"],
            deadline_at=None if days is None else _deadline(status, engagement.contractor, now + timedelta(days=days)),
            estimate_minutes=None if status == TaskStatus.DRAFT else 6 * 60,
            status=status,
            point_of_contact=people["bob"],
            sent_at=now - timedelta(days=6) if started else None,
            accepted_at=now - timedelta(days=5) if accepted else None,
            submitted_at=now - timedelta(days=1) if status in (TaskStatus.SUBMITTED, TaskStatus.DONE) else None,
            done_at=now - timedelta(hours=20) if status == TaskStatus.DONE else None,
            created_by=people["alice"],
            created_at=now - timedelta(days=7),
            **extra,
        )
    for task in tasks.values():
        task_index(task)  # the similar-work index, as the services keep it
    shoot = tasks.get(TaskStatus.IN_PROGRESS)
    if shoot is not None:
        _thread(shoot, people, now)
        _checkins(shoot, people, now)
    context.loaded.append(f"{len(tasks)} tasks with a thread and check-ins")


def _deadline(status, contractor, moment):
    """Inside the contractor's working hours, as the brief check asks, whatever the hour the demo
    loads; the declined weekend task's falls on the Sunday after, the day the contractor is off (the
    Health Check counts it)."""
    if status == TaskStatus.DECLINED:
        local = moment.astimezone(zone_of(contractor.time_zone))
        sunday = local + timedelta(days=6 - local.weekday())
        return sunday.replace(hour=10, minute=0, second=0, microsecond=0)
    return next_working_moment(moment, contractor.time_zone, contractor.working_hours)


def _held_until(contractor, now):
    """The start of the contractor's next working window after now (tomorrow without one)."""
    moment = now + timedelta(hours=1)
    for _ in range(24 * 14):
        start = next_working_moment(moment, contractor.time_zone, contractor.working_hours)
        if start > moment:
            return start
        moment += timedelta(hours=1)
    return now + timedelta(days=1)


def _thread(task, people, now) -> None:
    contractor = task.contractor
    thread = Thread.objects.create(
        organization=task.organization, task=task, contractor=contractor, created_at=now - timedelta(days=5)
    )
    carol = people.get("carol")
    zone, hours = contractor.time_zone, contractor.working_hours
    # Bob's first message inside Carol's hours (the service would have held it otherwise); Alice's
    # urgent one an hour after Carol's day ended: it reached her at once, off-hours.
    asked = next_working_moment(now - timedelta(days=5), zone, hours)
    urgent_at = (
        previous_working_end(now - timedelta(hours=3), time_zone=zone, working_hours=hours) or now
    ) + timedelta(hours=1)
    rows = [
        (False, people["bob"], asked, False, "Could you shoot the first loaves at 6:00 on Tuesday?"),
        (True, carol, asked + timedelta(hours=2), False, "Yes, I will be there at 5:45 to set up."),
        (False, people["alice"], min(urgent_at, now - timedelta(hours=3)), True,
         "The flour delivery is late: the shoot moves to Wednesday, please confirm today."),
        (True, carol, now - timedelta(hours=2), False, "Wednesday works. Same time."),
    ]  # fmt: skip
    for from_contractor, author, at, urgent, body in rows:
        Message.objects.create(
            organization=task.organization,
            task=task,
            contractor=contractor,
            thread=thread,
            author=author,
            from_contractor=from_contractor,
            body=body,
            urgent=urgent,
            created_at=at,
            deliver_at=at,
            read_at=at + timedelta(minutes=30),
        )
    Message.objects.create(
        organization=task.organization,
        task=task,
        contractor=contractor,
        thread=thread,
        author=people["bob"],
        from_contractor=False,
        body="No rush: when you have a moment, send the shot list for the reel.",
        created_at=now,
        deliver_at=_held_until(contractor, now),
    )
    thread.last_message_at = now
    thread.save(update_fields=["last_message_at"])


def _checkins(task, people, now) -> None:
    CheckInCadence.objects.create(
        organization=task.organization,
        task=task,
        kind=CadenceKind.WEEKLY,
        weekday=now.weekday(),
        anchor_at=now - timedelta(days=5),
        next_due_at=now + timedelta(days=7),
        last_checkin_at=now - timedelta(hours=4),
        created_by=people["bob"],
    )
    rows = [
        (now - timedelta(days=3), CheckInStatus.ON_TRACK, 30, "Shot list agreed, props bought.", False),
        (now - timedelta(hours=4), CheckInStatus.AT_RISK, 55,
         "The flour delivery is late; the launch loaves may not be ready for Wednesday's shoot.", True),
    ]  # fmt: skip
    for at, status, percent, note, latest in rows:
        CheckIn.objects.create(
            organization=task.organization,
            task=task,
            contractor=task.contractor,
            status=status,
            percent_done=percent,
            note=note,
            is_latest=latest,
            created_at=at,
        )
