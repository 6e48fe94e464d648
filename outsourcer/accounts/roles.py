"""The one table that says what each organization role may do.

Access helpers (`outsourcer/*/access.py`) ask `role_may`; services trust their arguments.
Contractors are not an organization role: their access is scoped to their own work by the
contractor access helpers.
"""

from django.db import models


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    MANAGER = "manager", "Manager"
    VIEWER = "viewer", "Viewer"


OWNER, MANAGER, VIEWER = Role.OWNER, Role.MANAGER, Role.VIEWER
EVERYONE = frozenset({OWNER, MANAGER, VIEWER})
RUNNERS = frozenset({OWNER, MANAGER})
OWNERS = frozenset({OWNER})

PERMISSIONS: dict[str, frozenset[str]] = {
    # organization and members
    "org.view": EVERYONE,
    "org.manage": OWNERS,
    "member.view": EVERYONE,
    "member.manage": OWNERS,
    "activity.view": OWNERS,
    "token.manage": EVERYONE,
    # contractors and engagements
    "contractor.view": EVERYONE,
    "contractor.edit": RUNNERS,
    "contractor.invite": RUNNERS,
    "contractor.import": RUNNERS,
    "contractor.notes.view": EVERYONE,
    # budgets, contracts, time and money
    "budget.view": EVERYONE,
    "budget.manage": OWNERS,
    "contract.view": EVERYONE,
    "contract.manage": RUNNERS,
    "contract.override": OWNERS,
    "time.review": RUNNERS,
    "time.override": OWNERS,
    "milestone.accept": RUNNERS,
    "expense.record": RUNNERS,
    "ledger.correct": OWNERS,
    # hiring: jobs, bids, interviews, references, vetting, award
    "job.view": EVERYONE,
    "job.manage": RUNNERS,
    "bid.view": EVERYONE,
    "bid.message": RUNNERS,
    "interview.manage": RUNNERS,
    "scorecard.submit": RUNNERS,
    "reference.manage": RUNNERS,
    "company_check.manage": RUNNERS,
    "vetting.policy": OWNERS,
    "job.award": RUNNERS,
    # awarding to a contractor who has not passed vetting
    "vetting.override": OWNERS,
    # work: the brief check computes advice and saves nothing, so every member may ask for it
    "brief.check": EVERYONE,
    "task.view": EVERYONE,
    "task.manage": RUNNERS,
    # oversight: reviewing handed-over work and giving feedback judge a contractor's work
    "deliverable.view": EVERYONE,
    "deliverable.review": RUNNERS,
    "feedback.give": RUNNERS,
    "oversight.view": EVERYONE,
}


def role_may(role: str | None, action: str) -> bool:
    """True when `role` may perform `action`; unknown actions raise KeyError so typos fail loudly."""
    allowed = PERMISSIONS[action]
    return role is not None and role in allowed
