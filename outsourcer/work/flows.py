"""Task status transitions: one table, asked before every status write (see lib/transitions.py).

draft → sent → accepted / declined / question → in progress → submitted → done, or back to in
progress when changes are requested; cancelled from any open status. A question goes back to sent
when the organization answers it (or sends the brief again); changing a declined task's brief takes
it back to draft, to be reworked and sent again.
"""

from outsourcer.lib.transitions import Flow
from outsourcer.work.models import TaskStatus

S = TaskStatus
SEND, ACCEPT, DECLINE, ASK, ANSWER = "send", "accept", "decline", "ask", "answer"
START, SUBMIT, DONE, CANCEL, EDIT = "start", "submit", "done", "cancel", "edit"
REVISE = "revise"

_CANCELLABLE = (S.DRAFT, S.SENT, S.QUESTION, S.ACCEPTED, S.DECLINED, S.IN_PROGRESS, S.SUBMITTED)

TASK_FLOW = Flow(
    entity="task",
    labels=dict(TaskStatus.choices),
    moves={
        (S.DRAFT, EDIT): S.DRAFT,
        (S.DRAFT, SEND): S.SENT,
        (S.SENT, ACCEPT): S.ACCEPTED,
        (S.SENT, DECLINE): S.DECLINED,
        (S.SENT, ASK): S.QUESTION,
        (S.QUESTION, EDIT): S.QUESTION,
        (S.QUESTION, ANSWER): S.SENT,
        (S.QUESTION, SEND): S.SENT,
        (S.QUESTION, DECLINE): S.DECLINED,
        (S.DECLINED, EDIT): S.DRAFT,
        (S.ACCEPTED, START): S.IN_PROGRESS,
        (S.IN_PROGRESS, SUBMIT): S.SUBMITTED,
        (S.SUBMITTED, DONE): S.DONE,
        # Changes were requested on the handed-over work: back to work.
        (S.SUBMITTED, REVISE): S.IN_PROGRESS,
        **{(status, CANCEL): S.CANCELLED for status in _CANCELLABLE},
    },
    phrases={
        SEND: "be sent",
        ACCEPT: "be accepted",
        DECLINE: "be declined",
        ASK: "take a question",
        ANSWER: "be answered",
        START: "be started",
        SUBMIT: "be submitted",
        DONE: "be marked done",
        CANCEL: "be cancelled",
        EDIT: "be changed",
        REVISE: "go back to work",
    },
)
