import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from outsourcer.contractors import csv_io
from outsourcer.contractors.models import EngagementStatus
from outsourcer.testing.factories import EngagementFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_it_streams_the_directory_as_csv(personas, login_as, url):
    response = login_as(personas.vera).get(url("contractors:export"))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="crumb-contractors-' in response["Content-Disposition"]
    [row] = _rows(response)
    assert row == {
        "name": "Carol Contractor", "email": "carol@studio.example", "kind": "person", "company": "", "website": "",
        "skills": "photography", "time_zone": "Europe/Lisbon", "capacity_hours": "10", "rate": "60.00",
        "currency": "EUR", "status": "active", "notes": "Great with light.",
    }  # fmt: skip


def test_it_honours_search_and_filters(personas, login_as, url):
    EngagementFactory(organization=personas.org, status=EngagementStatus.PROSPECT, contractor__name="Pat Prospect")
    client = login_as(personas.alice)
    assert [r["name"] for r in _rows(client.get(url("contractors:export"), {"status": "prospect"}))] == ["Pat Prospect"]
    assert [r["name"] for r in _rows(client.get(url("contractors:export"), {"q": "carol"}))] == ["Carol Contractor"]


def test_it_defuses_spreadsheet_formulas(personas, login_as, url):
    engagement = personas.carol_engagement
    engagement.notes = '=HYPERLINK("http://evil.example")'
    engagement.save()
    contractor = engagement.contractor
    contractor.company = "@SUM(A1)"
    contractor.name = "-Carol"
    contractor.save()
    [row] = _rows(login_as(personas.alice).get(url("contractors:export")))
    assert row["notes"] == '\'=HYPERLINK("http://evil.example")'
    assert row["company"] == "'@SUM(A1)"
    assert row["name"] == "'-Carol"


def test_a_round_trip_into_another_organization_keeps_every_field(personas, login_as, url):
    EngagementFactory(
        organization=personas.org, status=EngagementStatus.VETTING, weekly_capacity_minutes=20,
        contractor__name="+Plus Studio", contractor__kind="company", contractor__company="Plus, Inc.",
        contractor__website="https://plus.example", contractor__skills="packaging design, illustration",
        contractor__time_zone="Australia/Sydney", contractor__default_rate_cents=12345, contractor__currency="AUD",
        notes='Line one\nline "two"',
    )  # fmt: skip
    exported = b"".join(login_as(personas.alice).get(url("contractors:export")).streaming_content)
    target = OrganizationFactory(currency="USD", time_zone="UTC")
    rows = csv_io.csv_read(SimpleUploadedFile("x.csv", exported))
    engagements = csv_io.contractor_import(organization=target, actor=personas.alice, rows=rows)

    def snapshot(organization):
        return sorted(
            (
                e.contractor.name,
                e.contractor.email,
                e.contractor.kind,
                e.contractor.company,
                e.contractor.website,
                e.contractor.skills,
                e.contractor.time_zone,
                e.weekly_capacity_minutes,
                e.contractor.default_rate_cents,
                e.contractor.currency,
                e.status,
                e.notes,
            )  # fmt: skip
            for e in organization.engagements.select_related("contractor")
        )

    assert len(engagements) == 2
    assert snapshot(target) == snapshot(personas.org)


def test_it_is_not_found_for_other_organizations(personas, login_as, url):
    assert login_as(personas.oscar).get(url("contractors:export")).status_code == 404
