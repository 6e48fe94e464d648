"""API of the work domain.

`router` (mounted at /briefs): the brief-clarity check (briefs.py). `task_router` (/tasks): the
organization's tasks and their milestones — reading needs "task.view" (every role), writing
"task.manage" (owners, managers); sending a brief with open findings answers 409 with the
findings in `details` until it is repeated with an `override_reason`. `portal_router` (/portal):
the contractor's own tasks across organizations, and their answers to them. `feed_router`
(/calendar): the caller's calendar feed token.
"""

from outsourcer.work.api.briefs import router
from outsourcer.work.api.calendar import feed_router
from outsourcer.work.api.portal import portal_router
from outsourcer.work.api.tasks import task_router

__all__ = ["feed_router", "portal_router", "router", "task_router"]
