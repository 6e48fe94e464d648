"""The contractor's writes on their own tasks: accept, decline with a reason, ask a question
before accepting, start, submit. The views pass the contractor whose task it is."""

from django.utils import timezone

from outsourcer.contractors.models import Contractor
from outsourcer.work import events
from outsourcer.work.flows import ACCEPT, ASK, DECLINE, START, SUBMIT
from outsourcer.work.models import Task
from outsourcer.work.services._clean import reason_clean
from outsourcer.work.services._moves import task_move
from outsourcer.work.services.notices import task_reply_notify


def _actor(contractor: Contractor):
    return contractor.user


def task_accept(*, task: Task, contractor: Contractor) -> Task:
    """sent → accepted; tells the task's author."""
    return task_move(
        task,
        action=ACCEPT,
        event=events.TASK_ACCEPTED,
        actor=_actor(contractor),
        fields={"accepted_at": timezone.now()},
        then=lambda t: task_reply_notify(
            task=t, subject="Task accepted", message=f"{contractor.name} accepted the task “{t.title}”."
        ),
    )


def task_decline(*, task: Task, contractor: Contractor, reason: str) -> Task:
    """sent (or question) → declined, with the contractor's reason; tells the task's author, who
    may rework it (back to draft) and send it again."""
    reason = reason_clean(reason, field="reason", label="Reason")
    return task_move(
        task,
        action=DECLINE,
        event=events.TASK_DECLINED,
        actor=_actor(contractor),
        fields={"decline_reason": reason},
        after={"reason": reason},
        reason=reason,
        then=lambda t: task_reply_notify(
            task=t, subject="Task declined", message=f"{contractor.name} declined the task “{t.title}”: “{reason}”."
        ),
    )


def task_ask(*, task: Task, contractor: Contractor, question: str) -> Task:
    """sent → question: the contractor asks before accepting; tells the task's author."""
    question = reason_clean(question, field="question", label="Question", max_length=5000)
    return task_move(
        task,
        action=ASK,
        event=events.TASK_QUESTION_ASKED,
        actor=_actor(contractor),
        fields={"question": question, "answer": ""},
        after={"question": question},
        then=lambda t: task_reply_notify(
            task=t,
            subject="Question about a task",
            message=f"{contractor.name} asked about the task “{t.title}”: “{question}”.",
        ),
    )


def task_start(*, task: Task, contractor: Contractor) -> Task:
    """accepted → in progress."""
    return task_move(task, action=START, event=events.TASK_STARTED, actor=_actor(contractor))


def task_submit(*, task: Task, contractor: Contractor) -> Task:
    """in progress → submitted: the work is handed over for the organization to mark done."""
    return task_move(
        task,
        action=SUBMIT,
        event=events.TASK_SUBMITTED,
        actor=_actor(contractor),
        fields={"submitted_at": timezone.now()},
    )
