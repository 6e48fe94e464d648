"""Hiring's status transitions: one table per status field (lib/transitions.Flow)."""

from outsourcer.hiring.models import BidStatus as B
from outsourcer.hiring.models import InterviewStatus as I
from outsourcer.hiring.models import JobStatus as J
from outsourcer.hiring.models import ReferenceStatus as R
from outsourcer.lib.transitions import Flow

JOB_FLOW = Flow.from_targets(
    entity="job",
    choices=J.choices,
    targets={
        J.DRAFT: (J.OPEN, J.CANCELLED),
        J.OPEN: (J.AWARDED, J.CLOSED, J.CANCELLED),
        J.CLOSED: (J.OPEN, J.AWARDED, J.CANCELLED),
        J.AWARDED: (),
        J.CANCELLED: (),
    },
)

BID_FLOW = Flow.from_targets(
    entity="bid",
    choices=B.choices,
    targets={
        # Revising keeps a submitted bid submitted; withdrawing may be undone by bidding again.
        B.SUBMITTED: (B.SUBMITTED, B.WITHDRAWN, B.AWARDED, B.ALTERNATE, B.DECLINED),
        B.WITHDRAWN: (B.SUBMITTED,),
        B.ALTERNATE: (B.AWARDED, B.DECLINED),
        B.AWARDED: (),
        B.DECLINED: (),
    },
)

INTERVIEW_FLOW = Flow.from_targets(
    entity="interview",
    choices=I.choices,
    targets={I.SCHEDULED: (I.SCHEDULED, I.DONE, I.CANCELLED), I.DONE: (), I.CANCELLED: ()},
)

REFERENCE_FLOW = Flow.from_targets(
    entity="reference check",
    choices=R.choices,
    targets={R.REQUESTED: (R.RECEIVED, R.EXPIRED), R.RECEIVED: (), R.EXPIRED: ()},
)
