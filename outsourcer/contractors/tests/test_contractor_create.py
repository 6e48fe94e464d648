import pytest

from outsourcer.audit.models import Event
from outsourcer.contractors.models import Contractor, Engagement
from outsourcer.contractors.profiles import WEBSITE
from outsourcer.contractors.tests.data import contractor_form

pytestmark = pytest.mark.django_db


def test_it_shows_the_form_with_the_organizations_defaults(personas, login_as, url):
    response = login_as(personas.bob).get(url("contractors:create"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["currency"].value() == "EUR"
    assert form["time_zone"].value() == "Europe/Berlin"


def test_it_asks_for_the_new_contractors_zone_instead_of_silently_using_the_organizations(personas, login_as, url):
    body = login_as(personas.bob).get(url("contractors:create")).content.decode()

    assert "Their time zone" in body
    assert "Filled in with Crumb &amp; Co.&#x27;s zone (Europe/Berlin): change it if they work elsewhere." in body
    assert 'name="time_zone" value="Europe/Berlin — Berlin, Germany (UTC+' in body


def test_it_adds_a_contractor(personas, login_as, url):
    response = login_as(personas.bob).post(url("contractors:create"), contractor_form())
    engagement = Engagement.objects.get(contractor__name="Nadia Okafor")
    assert response.status_code == 302
    assert response.url == url("contractors:detail", engagement_id=engagement.pk)
    contractor = engagement.contractor
    assert engagement.organization == personas.org
    assert engagement.weekly_capacity_minutes == 450
    assert engagement.notes == "Met at the trade fair."
    assert contractor.user is None
    assert contractor.default_rate_cents == 4550
    assert contractor.skills == "copywriting, seo"
    assert contractor.working_hours == {"mon": ["09:00", "17:00"], "wed": ["10:00", "14:30"]}
    assert contractor.volume_tiers == [{"min_hours": 20, "rate_cents": 4000}]
    assert Event.objects.filter(action="contractor_added", organization=personas.org, actor=personas.bob).exists()


@pytest.mark.parametrize(("typed", "cents"), [("45,50", 4550), ("1.250,00", 125_000), ("1,250.00", 125_000)])
def test_it_reads_a_rate_typed_with_a_decimal_comma_or_grouping(personas, login_as, url, typed, cents):
    response = login_as(personas.bob).post(url("contractors:create"), contractor_form(default_rate=typed))
    assert response.status_code == 302
    assert Contractor.objects.get(email="nadia@studio.example").default_rate_cents == cents


def test_it_refuses_an_ambiguous_rate_and_offers_both_readings(personas, login_as, url):
    response = login_as(personas.bob).post(url("contractors:create"), contractor_form(default_rate="1,250"))
    assert response.status_code == 400
    assert response.context["form"].errors["default_rate"] == ["“1,250” is ambiguous: did you mean 1,250.00 or 1.25?"]
    assert not Contractor.objects.filter(email="nadia@studio.example").exists()


def test_it_keeps_what_was_typed_and_explains_each_error(personas, login_as, url):
    data = contractor_form(name="", default_rate="45.5555", capacity_hours="200", wed_end="09:00", tier_2_rate="30")
    response = login_as(personas.alice).post(url("contractors:create"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["name"] == ["This field is required."]
    assert form.errors["default_rate"] == ["EUR amounts have at most 2 decimal places."]
    assert form.errors["capacity_hours"] == ["A week has 168 hours."]
    assert form.errors["wed_end"] == ["The end must be after the start."]
    assert form.errors["tier_2_hours"] == ["From how many hours a week does this rate apply?"]
    body = response.content.decode()
    assert 'value="45.5555"' in body and 'value="Okafor Studio"' in body
    assert Contractor.objects.filter(email="nadia@studio.example").count() == 0


def test_it_maps_service_errors_to_the_field_that_caused_them(personas, login_as, url):
    # The form accepts ftp:// addresses; the service only http(s), and says so next to "website".
    response = login_as(personas.alice).post(url("contractors:create"), contractor_form(website="ftp://files.example"))
    assert response.status_code == 400
    assert response.context["form"].errors["website"] == [WEBSITE]


def test_it_rejects_nul_characters(personas, login_as, url):
    response = login_as(personas.alice).post(url("contractors:create"), contractor_form(company="bad\x00name"))
    assert response.status_code == 400
    assert "company" in response.context["form"].errors


def test_it_forbids_viewers(personas, login_as, url):
    assert login_as(personas.vera).post(url("contractors:create"), contractor_form()).status_code == 403
    assert login_as(personas.vera).get(url("contractors:create")).status_code == 403
    assert not Contractor.objects.filter(name="Nadia Okafor").exists()


def test_it_is_not_found_for_other_organizations(personas, login_as, url):
    assert login_as(personas.oscar).post(url("contractors:create"), contractor_form()).status_code == 404
