"""Every write of oversight. A package with one module per concern; import services from here."""

from outsourcer.oversight.services.deliverables import deliverable_submit
from outsourcer.oversight.services.feedback import feedback_give, organization_rate
from outsourcer.oversight.services.reviews import deliverable_accept, deliverable_request_changes

__all__ = [
    "deliverable_accept",
    "deliverable_request_changes",
    "deliverable_submit",
    "feedback_give",
    "organization_rate",
]
