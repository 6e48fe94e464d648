"""Nobody reviews, approves or accepts their own work.

A person can be an owner or manager of an organization and, through a contractor profile, also
work for it. Judging work — approving or rejecting time, accepting a milestone, recording an
expense paid to a contractor, and in the coming domains reviewing deliverables, awarding bids and
giving feedback — must then be done by someone else: the role table says who may judge work, this
rule says never one's own. Access helpers call it with the contractor whose work is judged; the
caller gets 403 (she may see the row, she may not decide on it).
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied

from outsourcer.accounts.access import OrgContext

# The role-table actions that judge a contractor's work (outsourcer/accounts/roles.py).
JUDGES_WORK = frozenset(
    {
        "time.review",
        "time.override",
        "milestone.accept",
        "expense.record",
        "job.award",
        "deliverable.review",
        "feedback.give",
    }
)
OWN_WORK = "You cannot review, approve or accept your own work: another owner or manager has to."


def is_own_work(ctx: OrgContext, contractor) -> bool:
    """True when `contractor` (a Contractor, or None) is the caller's own contractor profile."""
    return contractor is not None and contractor.user_id is not None and contractor.user_id == ctx.user.pk


def access_not_own_work(ctx: OrgContext, *contractors) -> None:
    """Raise PermissionDenied when any of `contractors` is the caller herself."""
    if any(is_own_work(ctx, contractor) for contractor in contractors):
        raise PermissionDenied(OWN_WORK)


def access_not_own_work_in(ctx: OrgContext, items: Iterable) -> None:
    """`access_not_own_work` for rows that carry a `contractor` (time entries)."""
    access_not_own_work(ctx, *(item.contractor for item in items))
