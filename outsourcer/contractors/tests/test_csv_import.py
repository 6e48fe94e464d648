import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from outsourcer.audit.models import Event
from outsourcer.contractors import csv_io, services
from outsourcer.contractors.models import Contractor, Engagement
from outsourcer.contractors.views import IMPORT_SESSION_KEY

pytestmark = pytest.mark.django_db

HEADER = "name,email,kind,company,website,skills,time_zone,capacity_hours,rate,currency,status,notes\n"
GOOD = (
    HEADER
    + "Ana Lima,ana@lima.example,person,,https://ana.example,"
    + '"social media, reels",America/Sao_Paulo,12.5,38.50,EUR,active,Fast\n'
    + "Grid Co,hello@grid.example,company,Grid Co,,bookkeeping,Europe/Berlin,8,60,EUR,vetting,\n"
)


def _upload(content: str | bytes, name: str = "contractors.csv") -> SimpleUploadedFile:
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def _crumb_count(personas) -> int:
    return Engagement.objects.filter(organization=personas.org).count()


def test_it_reads_decimal_commas_in_rates_and_hours(personas, login_as, url):
    content = HEADER + 'Ana Lima,ana@lima.example,person,,,,America/Sao_Paulo,"7,5","30,00",EUR,active,\n'
    client = login_as(personas.bob)
    preview = client.post(url("contractors:import"), {"file": _upload(content)})
    client.post(url("contractors:import-confirm"), {"digest": preview.context["digest"]})
    ana = Engagement.objects.select_related("contractor").get(contractor__email="ana@lima.example")
    assert (ana.contractor.default_rate_cents, ana.weekly_capacity_minutes) == (3000, 450)


def test_it_refuses_an_ambiguous_rate_in_a_row(personas, login_as, url):
    content = HEADER + 'Ana Lima,ana@lima.example,person,,,,America/Sao_Paulo,8,"1,250",EUR,active,\n'
    preview = login_as(personas.bob).post(url("contractors:import"), {"file": _upload(content)})
    assert "did you mean 1,250.00 or 1.25?" in preview.content.decode()
    assert not Contractor.objects.filter(email="ana@lima.example").exists()


def test_it_previews_a_good_file_and_imports_it_on_confirm(personas, login_as, url):
    client = login_as(personas.bob)
    preview = client.post(url("contractors:import"), {"file": _upload(GOOD)})
    assert preview.status_code == 200
    assert "All 2 rows look right" in preview.content.decode()
    assert _crumb_count(personas) == 1  # nothing saved before the confirm step
    confirm = client.post(url("contractors:import-confirm"), {"digest": preview.context["digest"]})
    assert confirm.status_code == 302
    ana = Engagement.objects.select_related("contractor").get(contractor__email="ana@lima.example")
    assert (ana.status, ana.weekly_capacity_minutes, ana.notes) == ("active", 750, "Fast")
    assert ana.contractor.default_rate_cents == 3850
    assert ana.contractor.skills == "social media, reels"
    assert Engagement.objects.get(contractor__email="hello@grid.example").contractor.kind == "company"
    assert IMPORT_SESSION_KEY not in client.session
    assert Event.objects.filter(action="contractors_imported", after={"count": 2}).exists()


def test_it_lists_row_errors_and_saves_nothing(personas, login_as, url):
    bad = (
        GOOD
        + "No Zone,nz@x.example,person,,,,Mars/Olympus,200,abc,EUR,hired,\n,,,,,,,,,,,\n,blank@x.example,,,,,,,,,,\n"
    )
    response = login_as(personas.alice).post(url("contractors:import"), {"file": _upload(bad)})
    assert response.status_code == 400
    errors = {(e.row, e.field) for e in response.context["errors"]}
    assert {(4, "time_zone"), (4, "capacity_hours"), (4, "rate"), (4, "status"), (6, "name")} <= errors
    body = response.content.decode()
    assert "Nothing was imported" in body and "Choose a time zone such as Europe/Berlin" in body
    assert "Import 3" not in body  # no confirm button for a file with errors
    assert _crumb_count(personas) == 1


def test_it_imports_nothing_when_a_row_went_bad_before_confirming(personas, login_as, url):
    client = login_as(personas.alice)
    preview = client.post(url("contractors:import"), {"file": _upload(GOOD)})
    # Between preview and confirm someone adds Grid Co by hand: the confirm step validates again.
    services.contractor_create(organization=personas.org, actor=personas.alice,
                               profile={"name": "Grid", "email": "hello@grid.example"})  # fmt: skip
    response = client.post(url("contractors:import-confirm"), {"digest": preview.context["digest"]})
    assert response.status_code == 400
    assert "hello@grid.example is already in your contractor directory." in response.content.decode()
    assert not Contractor.objects.filter(email="ana@lima.example").exists()


def test_it_rolls_back_every_row_when_one_fails_midway(personas, monkeypatch):
    rows = csv_io.csv_read(_upload(GOOD))
    real_create, calls = services.contractor_create, []

    def failing_create(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_create(**kwargs)

    monkeypatch.setattr(services, "contractor_create", failing_create)
    with pytest.raises(RuntimeError):
        csv_io.contractor_import(organization=personas.org, actor=personas.alice, rows=rows)
    assert not Contractor.objects.filter(email="ana@lima.example").exists()
    assert not Event.objects.filter(action="contractor_added").exists()


def test_it_refuses_duplicate_emails_within_the_file(personas):
    rows = csv_io.csv_read(_upload(GOOD + "Ana Again,ANA@lima.example,,,,,,,,,,\n"))
    _, errors = csv_io.rows_validate(rows, organization=personas.org)
    assert errors == [csv_io.RowError(4, "email", "ana@lima.example is also on row 2.", "ana@lima.example")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (HEADER.encode(), "The file has a header row but no contractors."),
        (b"name,mail\nAna,ana@x.example\n", "The header row must name the columns"),
        ("name,email\nJosé,j@x.example\n".encode("latin-1"), "The file is not UTF-8 text."),
        (b"\x00\x01binary", "it does not look like a CSV file"),
    ],
)
def test_it_explains_what_is_wrong_with_the_file(personas, login_as, url, content, message):
    response = login_as(personas.alice).post(url("contractors:import"), {"file": _upload(content)})
    assert response.status_code == 400
    assert message in response.context["form"].errors["file"][0]


def test_it_refuses_more_than_2000_rows(personas, login_as, url):
    content = HEADER + "".join(f"P{i},,,,,,,,,,,\n" for i in range(2001))
    response = login_as(personas.alice).post(url("contractors:import"), {"file": _upload(content)})
    assert "more than 2,000 rows" in response.context["form"].errors["file"][0]


def test_it_refuses_files_over_1_mb(personas, login_as, url):
    content = HEADER + 'Big,,,,,,,,,,,"' + "x" * (1024 * 1024) + '"\n'
    response = login_as(personas.alice).post(url("contractors:import"), {"file": _upload(content)})
    assert "larger than 1 MB" in response.context["form"].errors["file"][0]


def test_it_accepts_a_byte_order_mark_and_header_in_any_order(personas):
    header = "Notes,Status,Currency,Rate,Capacity_Hours,Time_Zone,Skills,Website,Company,Kind,Email,Name"
    content = f"\ufeff{header}\n,,,,,,,,,,,Solo\n"
    rows = csv_io.csv_read(_upload(content))
    valid, errors = csv_io.rows_validate(rows, organization=personas.org)
    assert errors == []
    assert valid[0].profile["name"] == "Solo"
    assert valid[0].profile["time_zone"] == "Europe/Berlin"  # the organization's zone by default


def test_confirm_without_a_waiting_upload_sends_the_user_back(personas, login_as, url):
    response = login_as(personas.alice).post(url("contractors:import-confirm"), {"digest": "x"}, follow=True)
    assert response.redirect_chain[-1][0] == url("contractors:import")
    assert "Upload the file again" in response.content.decode()


def test_confirm_refuses_a_preview_from_another_upload(personas, login_as, url):
    client = login_as(personas.alice)
    client.post(url("contractors:import"), {"file": _upload(GOOD)})
    client.post(url("contractors:import-confirm"), {"digest": "an-older-preview"})
    assert _crumb_count(personas) == 1


def test_it_forbids_viewers(personas, login_as, url):
    client = login_as(personas.vera)
    assert client.post(url("contractors:import"), {"file": _upload(GOOD)}).status_code == 403
    assert client.post(url("contractors:import-confirm"), {}).status_code == 403


def test_it_is_not_found_for_other_organizations(personas, login_as, url):
    assert login_as(personas.oscar).post(url("contractors:import"), {"file": _upload(GOOD)}).status_code == 404


def test_confirm_rejects_get(personas, login_as, url):
    assert login_as(personas.alice).get(url("contractors:import-confirm")).status_code == 405


def test_it_reads_a_bare_domain_as_the_form_does(personas, login_as, url):
    content = HEADER + "Ana Lima,ana@lima.example,person,,ana.example,,America/Sao_Paulo,8,,EUR,active,\n"
    client = login_as(personas.bob)
    preview = client.post(url("contractors:import"), {"file": _upload(content)})
    client.post(url("contractors:import-confirm"), {"digest": preview.context["digest"]})

    assert Contractor.objects.get(email="ana@lima.example").website == "https://ana.example"
    assert services.clean_profile({"website": "ana.example"}, partial=True)["website"] == "https://ana.example"


def test_each_problem_names_the_row_the_column_and_the_value(personas, login_as, url):
    content = HEADER + "No Zone,nz@x.example,person,,ftp://x.example,,Mars/Olympus,200,abc,EUR,hired,\n"
    response = login_as(personas.alice).post(url("contractors:import"), {"file": _upload(content)})

    found = {(e.row, e.field, e.value) for e in response.context["errors"]}
    assert {(2, "time_zone", "Mars/Olympus"), (2, "capacity_hours", "200"), (2, "rate", "abc")} <= found
    assert {(2, "status", "hired"), (2, "website", "ftp://x.example")} <= found
    body = response.content.decode()
    assert '<th scope="col">Value in the file</th>' in body and "“Mars/Olympus”" in body and "“hired”" in body


def test_the_preview_says_when_a_zone_is_the_organizations(personas, login_as, url):
    content = HEADER + "Ana Lima,ana@lima.example,person,,,,,8,,EUR,active,\n"
    response = login_as(personas.alice).post(url("contractors:import"), {"file": _upload(content)})

    [row] = response.context["valid"]
    assert row.profile["time_zone"] == personas.org.time_zone and row.zone_from_organization
    assert "Crumb &amp; Co.'s zone: the file has none" in response.content.decode()
