import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.contractors.models import EngagementStatus
from outsourcer.testing.factories import ContractorFactory, EngagementFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [e.contractor.name for e in response.context["page"].object_list]


def test_it_lists_the_organizations_contractors_only(personas, login_as, url):
    response = login_as(personas.vera).get(url("contractors:list"))
    assert response.status_code == 200
    assert _names(response) == ["Carol Contractor"]
    body = response.content.decode()
    assert "Dan Contractor" not in body
    assert "Has account" in body
    assert "their time now" in body


def test_it_shows_capacity_rate_and_status(personas, login_as, url):
    body = login_as(personas.alice).get(url("contractors:list")).content.decode()
    assert "10 h/week" in body  # the engagement's capacity, not the contractor's 30 h total
    assert "€60.00/h" in body
    assert "status-active" in body


def test_it_searches_name_company_email_and_skills_case_insensitively(personas, login_as, url):
    EngagementFactory(organization=personas.org, contractor__name="Ravi Shah", contractor__company="Pixel Oven",
                      contractor__email="ravi@oven.example", contractor__skills="shopify development")  # fmt: skip
    client = login_as(personas.alice)
    for term in ("ravi", "PIXEL", "oven.example", "Shopify"):
        assert _names(client.get(url("contractors:list"), {"q": term})) == ["Ravi Shah"], term


def test_it_filters_by_one_whole_skill(personas, login_as, url):
    EngagementFactory(organization=personas.org, contractor__name="Photo Editor", contractor__skills="photo editing")
    client = login_as(personas.alice)
    assert _names(client.get(url("contractors:list"), {"skill": "photography"})) == ["Carol Contractor"]
    assert _names(client.get(url("contractors:list"), {"skill": "photo"})) == []


def test_it_filters_by_status(personas, login_as, url):
    EngagementFactory(organization=personas.org, contractor__name="Pat Prospect", status=EngagementStatus.PROSPECT)
    client = login_as(personas.alice)
    assert _names(client.get(url("contractors:list"), {"status": "prospect"})) == ["Pat Prospect"]
    # An unknown status is ignored rather than answered with an error.
    assert len(_names(client.get(url("contractors:list"), {"status": "nonsense"}))) == 2


def test_it_ignores_nul_in_the_search(personas, login_as, url):
    response = login_as(personas.alice).get(url("contractors:list"), {"q": "car\x00ol"})
    assert response.status_code == 200


def test_it_offers_next_steps_when_empty(login_as):
    from outsourcer.testing.factories import MembershipFactory

    owner = MembershipFactory(role="owner").user
    membership = owner.memberships.get()
    body = login_as(owner).get(f"/o/{membership.organization.slug}/contractors/").content.decode()
    assert "No contractors yet" in body
    assert "Add a contractor" in body and "Import CSV" in body


def test_it_hides_add_and_import_from_viewers(personas, login_as, url):
    body = login_as(personas.vera).get(url("contractors:list")).content.decode()
    assert "Add a contractor" not in body
    assert "Import CSV" not in body
    assert "as CSV" in body


def test_it_says_when_filters_match_nothing(personas, login_as, url):
    body = login_as(personas.alice).get(url("contractors:list"), {"q": "nobody-at-all"}).content.decode()
    assert "No contractors match these filters" in body


def test_it_paginates_by_25(personas, login_as, url, many_engagements):
    many_engagements(personas.org, 30)
    client = login_as(personas.alice)
    first = client.get(url("contractors:list"))
    assert len(first.context["page"].object_list) == 25
    second = client.get(url("contractors:list"), {"page": 2})
    assert len(second.context["page"].object_list) == 6


def test_it_answers_htmx_with_the_results_only(personas, login_as, url):
    response = login_as(personas.alice).get(url("contractors:list"), {"q": "carol"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="results">')
    assert "<html" not in body


def test_its_query_count_does_not_grow_with_the_directory(personas, login_as, url, many_engagements):
    client = login_as(personas.alice)
    many_engagements(personas.org, 9)
    client.get(url("contractors:list"))  # the first visit also stores the current organization in the session
    with CaptureQueriesContext(connection) as small:
        assert client.get(url("contractors:list")).status_code == 200
    many_engagements(personas.org, 990)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url("contractors:list")).status_code == 200
    assert len(large) == len(small)
    assert len(small) <= 10


def test_it_shows_an_other_organizations_list_to_nobody_outside_it(personas, login_as):
    other = OrganizationFactory()
    EngagementFactory(organization=other, contractor=ContractorFactory(name="Hidden Person"))
    response = login_as(personas.alice).get(f"/o/{other.slug}/contractors/")
    assert response.status_code == 404
