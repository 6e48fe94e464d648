"""What differs between the subjects of a thread (a task, a bidder's job), so that messaging's one
set of services serves both without importing the domains above it (docs/architecture.md: a lower
core asks through a hook). The caller of a service passes the subject it has built; the worker,
which has only a message, asks the builder that work or hiring registered in its AppConfig.ready."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from outsourcer.accounts.models import Organization, User
    from outsourcer.audit.events import Action
    from outsourcer.contractors.models import Contractor
    from outsourcer.messaging.models import Message


@dataclass(frozen=True)
class ThreadKey:
    """Which thread: a task's (`task_id`), or one bidder's on a job (`job_id` and `contractor_id`)."""

    organization_id: int
    contractor_id: int
    task_id: int | None = None
    job_id: int | None = None

    def filters(self) -> dict[str, int | None]:
        if self.task_id is not None:
            return {"task_id": self.task_id}
        return {"job_id": self.job_id, "contractor_id": self.contractor_id}


@dataclass(frozen=True)
class ThreadSubject:
    """A thread's subject as the services need it: who the two sides are, how notices read and
    link, and which audit action records a message."""

    key: ThreadKey
    organization: Organization
    contractor: Contractor
    title: str
    # Where each side reads the thread.
    org_url: str
    portal_url: str
    # The in-app notice's kind, and the e-mail template (rendered with `notice_context`).
    notice_kind: str
    email_template: str
    event_action: Action
    # The organization's people told about the contractor's messages (in-app, and by e-mail
    # when `email_organization`).
    org_recipients: tuple[User, ...] = ()
    email_organization: bool = True
    # A contractor without an account (a prospect) hears by e-mail at their own address.
    email_prospect: bool = False
    # How notices read: "Carol asked about …", "Crumb & Co. answered about …".
    contractor_verb: str = "wrote"
    organization_verb: str = "wrote"
    # The audit row's object (None: the message itself) and its extra facts.
    event_obj: Any = None
    event_after: dict = field(default_factory=dict)


SubjectBuilder = Callable[["Message"], ThreadSubject]
_BUILDERS: dict[str, SubjectBuilder] = {}


def thread_subject_register(kind: str, build: SubjectBuilder) -> None:
    """Declare how to build the subject of a message whose `kind` ("task" or "job") field is set."""
    _BUILDERS[kind] = build


def thread_subject_for_message(message: Message) -> ThreadSubject:
    """The subject of a stored message, from the builder its domain registered."""
    return _BUILDERS["task" if message.task_id else "job"](message)
