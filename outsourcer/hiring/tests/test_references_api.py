"""The references and company-checks API (organization side)."""

import pytest
from django.core import mail

from outsourcer.hiring.models import CompanyCheck, ReferenceCheck, ReferenceStatus
from outsourcer.testing.references import insert_reference

pytestmark = pytest.mark.django_db

REQUEST = {"referee_name": "Pat Referee", "referee_email": "pat@referee.example", "relationship": "Client"}


def _references(personas, engagement=None):
    return f"/contractors/{(engagement or personas.carol_engagement).pk}/references"


def _checks(personas, engagement=None):
    return f"/contractors/{(engagement or personas.carol_engagement).pk}/company-checks"


def test_it_asks_for_a_reference(api_as, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(personas.bob).post(_references(personas), REQUEST)

    body = response.json()
    assert response.status_code == 201
    assert (body["status"], body["referee_name"], body["requested_by_name"]) == ("requested", "Pat Referee",
                                                                                  "Bob Manager")  # fmt: skip
    assert "token" not in str(body) and "nonce" not in str(body)
    assert len(mail.outbox) == 1


def test_it_lists_and_gets_references_with_answers(api_as, personas):
    received = insert_reference(personas.carol_engagement, status=ReferenceStatus.RECEIVED)
    api = api_as(personas.vera)

    listed = api.get(_references(personas)).json()
    got = api.get(f"/references/{received.pk}").json()

    assert [item["id"] for item in listed["items"]] == [received.pk]
    assert (got["reliability"], got["would_hire_again"], got["comments"]) == (5, True, "Always on time.")


def test_bad_input_is_422_with_field_errors(api_as, personas):
    response = api_as(personas.bob).post(_references(personas), {**REQUEST, "referee_email": "nope"})
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"referee_email"}
    response = api_as(personas.bob).post(_references(personas), {**REQUEST, "referee_name": "a\x00"})
    assert response.status_code == 422
    assert not ReferenceCheck.objects.exists()


def test_the_viewer_may_not_ask_and_other_organizations_are_404(api_as, personas):
    assert api_as(personas.vera).post(_references(personas), REQUEST).status_code == 403
    assert api_as(personas.oscar).post(_references(personas), REQUEST).status_code == 404
    assert api_as(personas.oscar).get(_references(personas)).status_code == 404
    reference = insert_reference(personas.carol_engagement)
    assert api_as(personas.oscar).get(f"/references/{reference.pk}").status_code == 404
    assert api_as(personas.carol, portal=True).get(f"/references/{reference.pk}").status_code == 404


def test_company_checks_list_every_item(api_as, personas):
    body = api_as(personas.vera).get(_checks(personas)).json()
    assert [c["item"] for c in body] == ["registration", "website", "portfolio", "insurance", "tax"]
    assert {c["status"] for c in body} == {"pending"}


def test_a_company_check_is_updated_and_omitted_fields_are_kept(api_as, personas):
    api = api_as(personas.bob)
    url = f"{_checks(personas)}/website"
    first = api.patch(url, {"status": "verified", "note": "Live", "evidence_url": "https://carol.example"})
    assert first.status_code == 200
    assert (first.json()["verified_by_name"], first.json()["note"]) == ("Bob Manager", "Live")

    second = api.patch(url, {"status": "failed"}).json()
    assert (second["status"], second["note"], second["evidence_url"]) == ("failed", "Live", "https://carol.example")
    assert CompanyCheck.objects.count() == 1


def test_company_check_errors(api_as, personas):
    api = api_as(personas.bob)
    assert api.patch(f"{_checks(personas)}/passport", {"status": "verified"}).status_code == 422
    bad_url = api.patch(f"{_checks(personas)}/website", {"status": "verified", "evidence_url": "ftp://x"})
    assert bad_url.status_code == 422 and "evidence_url" in bad_url.json()["errors"]
    assert api_as(personas.vera).patch(f"{_checks(personas)}/website", {"status": "verified"}).status_code == 403
    oscar = api_as(personas.oscar).patch(f"{_checks(personas)}/website", {"status": "verified"})
    assert oscar.status_code == 404
    assert not CompanyCheck.objects.exists()
