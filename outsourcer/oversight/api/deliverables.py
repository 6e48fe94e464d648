"""The organization's deliverables (mounted at /oversight) and the contractor's (mounted at /portal)."""

from ninja import Router

router = Router(tags=["oversight"])
portal_router = Router(tags=["portal"])
