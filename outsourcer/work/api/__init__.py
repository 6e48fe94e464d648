"""API of the work domain.

`router` (mounted at /briefs): the brief-clarity check (briefs.py). `task_router` (/tasks): the
organization's tasks and their milestones — reading needs "task.view" (every role), writing
"task.manage" (owners, managers); sending a brief with open findings answers 409 with the
findings in `details` until it is repeated with an `override_reason`. `portal_router` (/portal):
the contractor's own tasks across organizations, and their answers to them. Both carry the task's
thread (threads.py): `/tasks/{id}/messages` and `/portal/tasks/{id}/messages`. `feed_router`
(/calendar): the caller's calendar feed token.
"""

from outsourcer.work.api.briefs import router
from outsourcer.work.api.calendar import feed_router
from outsourcer.work.api.portal import portal_router
from outsourcer.work.api.tasks import task_router
from outsourcer.work.api.threads import portal_thread_router, task_thread_router

# A task's thread (threads.py) lives under the task's own paths.
task_router.add_router("", task_thread_router)
portal_router.add_router("", portal_thread_router)

__all__ = ["feed_router", "portal_router", "router", "task_router"]
