"""Access-matrix rows for references and company checks: the vetting page, its forms and the
evidence download, the referee's questionnaire (the "referee with a token" persona: everyone who
holds the link gets the same page), and the API."""

from outsourcer.testing.references import insert_evidence, insert_reference, referee_with_token, reference_token
from tests.access_matrix import (
    COLUMNS,
    ORG_READ,
    ORG_RUN_POST,
    OWN_WORK_API,
    OWN_WORK_API_CREATE,
    OWN_WORK_POST,
    PUBLIC,
    Row,
    as_contractor_manager,
    expect,
)

FOREIGN_READ = expect(302, 404, 404, 404, 404, 404, 404)
FOREIGN_RUNNER = expect(302, 404, 404, 403, 404, 404, 404)  # the role check comes before the object lookup
ANSWERED = expect(200, 200, 200, 200, 200, 200, 200)
GONE = expect(410, 410, 410, 410, 410, 410, 410)
NOT_FOUND = expect(404, 404, 404, 404, 404, 404, 404)
API_READ = expect(401, 200, 200, 200, 404, 404, 404)
API_CREATE = expect(401, 201, 201, 403, 404, 404, 404)
API_RUNNER_WRITE = expect(401, 200, 200, 403, 404, 404, 404)

REQUEST = {"referee_name": "Pat Referee", "referee_email": "pat@referee.example", "relationship": "Client"}
ANSWER = {"worked_together_months": "12", "reliability": "5", "quality": "4", "communication": "4",
          "would_hire_again": "yes", "comments": "Reliable."}  # fmt: skip


def _carols(p):
    return {"org_slug": p.org.slug, "engagement_id": p.carol_engagement.pk}


def _dans(p):
    return {"org_slug": p.org.slug, "engagement_id": p.dan_engagement.pk}


def _item(kwargs):
    return lambda p: {**kwargs(p), "item": "registration"}


def _evidence(p):
    insert_evidence(p.carol_engagement)
    return _item(_carols)(p)


def _dans_evidence(p):
    insert_evidence(p.dan_engagement)
    return _item(_dans)(p)


def _token(p):
    return {"token": referee_with_token(p)[1]}


def _tampered(p):
    return {"token": referee_with_token(p)[1][:-4] + "abcd"}


def _answered(p):
    reference = insert_reference(p.carol_engagement, status="received")
    return {"token": reference_token(reference, nonce="0" * 32)}


def _api_engagement(p):
    return {"engagement_id": p.carol_engagement.pk}


def _api_reference(p):
    return {"reference_id": insert_reference(p.carol_engagement).pk}


def _api_item(p):
    return {"engagement_id": p.carol_engagement.pk, "item": "website"}


PAGE_ROWS = [
    Row("hiring:vetting", ORG_READ, kwargs=_carols),
    Row("hiring:vetting", FOREIGN_READ, kwargs=_dans, note="foreign engagement"),
    Row("hiring:reference-request", ORG_RUN_POST, method="POST", kwargs=_carols, data=lambda p: REQUEST),
    Row("hiring:reference-request", FOREIGN_RUNNER, method="POST", kwargs=_dans, data=lambda p: REQUEST,
        note="foreign engagement"),
    Row("hiring:reference-request", OWN_WORK_POST, method="POST", kwargs=as_contractor_manager(_carols),
        data=lambda p: REQUEST, note="contractor-manager"),
    Row("hiring:company-check-update", ORG_RUN_POST, method="POST", kwargs=_item(_carols),
        data=lambda p: {"registration-status": "verified", "registration-note": "Registry entry"}),
    Row("hiring:company-check-update", FOREIGN_RUNNER, method="POST", kwargs=_item(_dans),
        data=lambda p: {"registration-status": "verified"}, note="foreign engagement"),
    Row("hiring:company-check-update", OWN_WORK_POST, method="POST", kwargs=as_contractor_manager(_item(_carols)),
        data=lambda p: {"registration-status": "verified"}, note="contractor-manager"),
    Row("hiring:company-check-evidence", ORG_READ, kwargs=_evidence),
    Row("hiring:company-check-evidence", FOREIGN_READ, kwargs=_dans_evidence, note="foreign evidence"),
    # The referee's questionnaire: the token is the only key, whoever holds it (signed in or not).
    Row("hiring-public:reference-answer", PUBLIC, kwargs=_token, note="referee with a token"),
    Row("hiring-public:reference-answer", ANSWERED, method="POST", kwargs=_token, data=lambda p: ANSWER,
        get_allowed=True, writers=COLUMNS, note="referee with a token"),
    Row("hiring-public:reference-answer", NOT_FOUND, kwargs=_tampered, note="tampered token"),
    Row("hiring-public:reference-answer", NOT_FOUND, method="POST", kwargs=_tampered, data=lambda p: ANSWER,
        get_allowed=True, note="tampered token"),
    Row("hiring-public:reference-answer", GONE, kwargs=_answered, note="already answered"),
]  # fmt: skip

API_ROWS = [
    Row("/api/v1/contractors/{engagement_id}/references", API_READ, api=True, kwargs=_api_engagement),
    Row("/api/v1/contractors/{engagement_id}/references", API_CREATE, method="POST", api=True,
        kwargs=_api_engagement, data=lambda p: REQUEST),
    Row("/api/v1/contractors/{engagement_id}/references", OWN_WORK_API_CREATE, method="POST", api=True,
        kwargs=as_contractor_manager(_api_engagement), data=lambda p: REQUEST, note="contractor-manager"),
    Row("/api/v1/references/{reference_id}", API_READ, api=True, kwargs=_api_reference),
    Row("/api/v1/contractors/{engagement_id}/company-checks", API_READ, api=True, kwargs=_api_engagement),
    Row("/api/v1/contractors/{engagement_id}/company-checks/{item}", API_RUNNER_WRITE, method="PATCH", api=True,
        kwargs=_api_item, data=lambda p: {"status": "verified", "evidence_url": "https://carol.example"}),
    Row("/api/v1/contractors/{engagement_id}/company-checks/{item}", OWN_WORK_API, method="PATCH", api=True,
        kwargs=as_contractor_manager(_api_item), data=lambda p: {"status": "verified"}, note="contractor-manager"),
]  # fmt: skip

ROWS = PAGE_ROWS + API_ROWS
