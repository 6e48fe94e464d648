from outsourcer.contractors.models import EngagementStatus
from outsourcer.testing.factories import EngagementFactory
from tests.access_matrix import ORG_READ, ORG_RUN_POST, PORTAL_READ, Row, expect

ORG = {"kwargs": lambda p: {"org_slug": p.org.slug}}
RUNNERS_FORM = expect(302, 200, 200, 403, 404, 404, 404)  # a GET form only owner/manager may open
FOREIGN_POST = expect(302, 404, 404, 403, 404, 404, 404)  # the role check comes before the object lookup
FOREIGN_READ = expect(302, 404, 404, 404, 404, 404, 404)
OWN_ENGAGEMENT_POST = expect(302, 404, 404, 404, 302, 404, 404)  # only Carol may set Carol's capacity
CONTRACTOR_POST = expect(302, 404, 404, 404, 302, 302, 404)


def _carol(p):
    return {"org_slug": p.org.slug, "engagement_id": p.carol_engagement.pk}


def _dans_engagement_in_crumb_url(p):
    return {"org_slug": p.org.slug, "engagement_id": p.dan_engagement.pk}


def _prospect(p):
    engagement = EngagementFactory(organization=p.org, status=EngagementStatus.PROSPECT)
    return {"org_slug": p.org.slug, "engagement_id": engagement.pk}


def _contractor_form(p):
    return {
        "kind": "person", "name": "Nadia Matrix", "email": "nadia@matrix.example", "time_zone": "Europe/Lisbon",
        "capacity_hours": "10", "currency": "EUR", "status": "prospect", "default_rate": "40",
    }  # fmt: skip


def _profile_form(p):
    return {"kind": "person", "name": "Portal Person", "time_zone": "Europe/Lisbon", "currency": "EUR",
            "total_capacity_hours": "30"}  # fmt: skip


ROWS = [
    Row("contractors:list", ORG_READ, **ORG),
    Row("contractors:export", ORG_READ, **ORG),
    Row("contractors:create", RUNNERS_FORM, **ORG),
    Row("contractors:create", ORG_RUN_POST, method="POST", get_allowed=True, data=_contractor_form, **ORG),
    Row(
        "contractors:create",
        expect(302, 400, 400, 403, 404, 404, 404),
        method="POST",
        get_allowed=True,
        data=lambda p: {"name": ""},
        note="invalid",
        **ORG,
    ),  # fmt: skip
    Row("contractors:detail", ORG_READ, kwargs=_carol),
    Row("contractors:detail", FOREIGN_READ, kwargs=_dans_engagement_in_crumb_url, note="foreign"),
    Row("contractors:edit", RUNNERS_FORM, kwargs=_carol),
    Row(
        "contractors:edit",
        ORG_RUN_POST,
        method="POST",
        get_allowed=True,
        kwargs=_carol,
        data=lambda p: {"capacity_hours": "12", "notes": "Fast turnaround."},
    ),  # fmt: skip
    Row(
        "contractors:edit",
        FOREIGN_POST,
        method="POST",
        get_allowed=True,
        kwargs=_dans_engagement_in_crumb_url,
        data=lambda p: {"capacity_hours": "12", "notes": "Mine now"},
        note="foreign",
    ),  # fmt: skip
    Row("contractors:status", ORG_RUN_POST, method="POST", kwargs=_carol, data=lambda p: {"status": "paused"}),
    Row(
        "contractors:status",
        FOREIGN_POST,
        method="POST",
        kwargs=_dans_engagement_in_crumb_url,
        data=lambda p: {"status": "paused"},
        note="foreign",
    ),  # fmt: skip
    Row("contractors:invite", ORG_RUN_POST, method="POST", kwargs=_prospect),
    Row("contractors:invite", FOREIGN_POST, method="POST", kwargs=_dans_engagement_in_crumb_url, note="foreign"),
    Row("contractors:import", RUNNERS_FORM, **ORG),
    Row(
        "contractors:import",
        expect(302, 400, 400, 403, 404, 404, 404),
        method="POST",
        get_allowed=True,
        note="no file",
        **ORG,
    ),  # fmt: skip
    # Without an upload waiting in the session, confirming sends the user back to the upload form:
    # a 302 that writes nothing (the import itself: test_csv_import.py).
    Row("contractors:import-confirm", ORG_RUN_POST, method="POST", writers=(), **ORG),
    Row("portal:home", PORTAL_READ),
    Row("portal:profile", PORTAL_READ),
    Row("portal:profile", CONTRACTOR_POST, method="POST", get_allowed=True, data=_profile_form),
    Row(
        "portal:capacity",
        OWN_ENGAGEMENT_POST,
        method="POST",
        kwargs=lambda p: {"engagement_id": p.carol_engagement.pk},
        data=lambda p: {"hours": "15"},
    ),  # fmt: skip
]
