"""An engagement's vetting page: references with their answers, the request form, the checklist."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.accounts.roles import Role
from outsourcer.hiring.models import ReferenceCheck, ReferenceStatus
from outsourcer.testing.factories import MembershipFactory
from outsourcer.testing.fixtures import text
from outsourcer.testing.references import insert_reference

pytestmark = pytest.mark.django_db

REQUEST = {"referee_name": "Pat Referee", "referee_email": "pat@referee.example", "relationship": "Client"}


@pytest.fixture
def vetting_url(org_url, personas):
    return org_url("hiring:vetting", engagement_id=personas.carol_engagement.pk)


@pytest.fixture
def request_url(org_url, personas):
    return org_url("hiring:reference-request", engagement_id=personas.carol_engagement.pk)


def test_it_lists_references_with_their_answers(login_as, personas, vetting_url):
    insert_reference(personas.carol_engagement, status=ReferenceStatus.RECEIVED, requested_by=personas.bob)
    insert_reference(personas.carol_engagement, referee_name="Sam Waiting", referee_email="sam@referee.example")

    response = login_as(personas.vera).get(vetting_url)

    page = text(response)
    assert response.status_code == 200
    assert "Pat Referee" in page and "Always on time." in page and "24 months" in page and "would hire again" in page
    assert "Sam Waiting" in page and "Requested" in page
    assert "Business registration" in page and "Tax documents" in page
    # The viewer reads; she has no forms.
    assert "Send the questionnaire" not in page and "Update business registration" not in page
    assert "your vetting policy still asks for" in page


def test_runners_see_the_forms(login_as, personas, vetting_url):
    page = text(login_as(personas.bob).get(vetting_url))
    assert "Send the questionnaire" in page and "Update business registration" in page


def test_the_contractor_detail_page_links_here(login_as, personas, org_url, vetting_url):
    page = text(login_as(personas.vera).get(org_url("contractors:detail", engagement_id=personas.carol_engagement.pk)))
    assert vetting_url in page


def test_it_asks_for_a_reference(login_as, personas, request_url, vetting_url, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login_as(personas.bob).post(request_url, REQUEST)

    assert response.status_code == 302 and response["Location"] == vetting_url
    reference = ReferenceCheck.objects.get()
    assert (reference.referee_name, reference.requested_by) == ("Pat Referee", personas.bob)
    assert len(mail.outbox) == 1


def test_errors_keep_what_was_typed(login_as, personas, request_url):
    response = login_as(personas.bob).post(
        request_url, {**REQUEST, "referee_email": "pat at referee", "relationship": "Old boss"}
    )
    page = text(response)
    assert response.status_code == 400
    assert "Old boss" in page and "pat at referee" in page
    assert not ReferenceCheck.objects.exists()


def test_asking_the_same_referee_twice_shows_why(login_as, personas, request_url):
    client = login_as(personas.bob)
    client.post(request_url, REQUEST)
    response = client.post(request_url, REQUEST)
    assert response.status_code == 400
    assert "has already been asked" in text(response)
    assert ReferenceCheck.objects.count() == 1


def test_the_viewer_may_not_ask(login_as, personas, request_url):
    assert login_as(personas.vera).post(request_url, REQUEST).status_code == 403
    assert not ReferenceCheck.objects.exists()


def test_another_organizations_engagement_is_404(login_as, personas, org_url):
    url = org_url("hiring:reference-request", engagement_id=personas.dan_engagement.pk)
    assert login_as(personas.bob).post(url, REQUEST).status_code == 404
    assert (
        login_as(personas.bob).get(org_url("hiring:vetting", engagement_id=personas.dan_engagement.pk)).status_code
        == 404
    )


def test_nobody_vets_themselves(login_as, personas, request_url, vetting_url):
    MembershipFactory(organization=personas.org, user=personas.carol, role=Role.MANAGER)
    client = login_as(personas.carol)
    assert client.post(request_url, REQUEST).status_code == 403
    assert "Send the questionnaire" not in text(client.get(vetting_url))


def test_get_on_the_request_url_is_405(login_as, personas, request_url):
    assert login_as(personas.bob).get(request_url).status_code == 405


def test_the_page_sends_the_same_queries_for_2_and_20_references(login_as, personas, vetting_url):
    client = login_as(personas.vera)
    for n in range(2):
        insert_reference(personas.carol_engagement, referee_email=f"r{n}@x.example", status=ReferenceStatus.RECEIVED)
    with CaptureQueriesContext(connection) as few:
        client.get(vetting_url)
    for n in range(2, 20):
        insert_reference(personas.carol_engagement, referee_email=f"r{n}@x.example", requested_by=personas.bob)
    with CaptureQueriesContext(connection) as many:
        client.get(vetting_url)
    assert len(many) == len(few) <= 12, [q["sql"][:90] for q in many.captured_queries]
