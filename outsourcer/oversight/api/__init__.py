"""API of oversight. `router` (mounted at /oversight): the organization's deliverables and their
review. `portal_router` (mounted at /portal): the contractor's own deliverables and hand-overs.
Other oversight concerns add their routers in their own modules of this package and register them
in outsourcer/api/api.py."""

from outsourcer.oversight.api.deliverables import portal_router, router

__all__ = ["portal_router", "router"]
