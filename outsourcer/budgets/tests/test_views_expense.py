import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from outsourcer.budgets.models import SpendEntry
from outsourcer.testing.builders import make_budget
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def budget(personas, frozen):
    return make_budget(personas)


def _form(personas, **extra):
    return {"amount": "1,234.56", "occurred_on": "2025-03-12", "description": "Stock photos licence",
            "contractor": personas.carol_contractor.pk, **extra}  # fmt: skip


def test_it_records_an_expense_with_a_receipt(login_as, personas, org_url, budget):
    receipt = SimpleUploadedFile("receipt.png", PNG, content_type="image/png")
    response = login_as(personas.bob).post(
        org_url("budgets:expense-create", budget_id=budget.pk), {**_form(personas), "receipt": receipt}
    )

    entry = SpendEntry.objects.get(budget=budget)
    assert response.status_code == 302
    assert (entry.kind, entry.amount_cents, entry.contractor_id) == ("expense", 123_456, personas.carol_contractor.pk)
    assert entry.receipt.name.endswith(".png")


def test_the_receipt_is_downloaded_by_members_only(login_as, personas, org_url, budget):
    receipt = SimpleUploadedFile("receipt.png", PNG, content_type="image/png")
    data = {**_form(personas), "receipt": receipt}
    login_as(personas.alice).post(org_url("budgets:expense-create", budget_id=budget.pk), data)
    entry = SpendEntry.objects.get(budget=budget)
    url = org_url("budgets:receipt", budget_id=budget.pk, entry_id=entry.pk)

    response = login_as(personas.vera).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Disposition"].startswith("attachment")
    assert login_as(personas.carol).get(url).status_code == 404


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"amount": "lots"}, "amount", "Enter an amount such as 1200"),
        ({"occurred_on": "2024-12-31"}, "occurred_on", "is outside it"),
        ({"description": ""}, "description", "This field is required."),
        ({"receipt": SimpleUploadedFile("receipt.png", b"MZ not an image", content_type="image/png")}, "receipt",
         "Upload the receipt as a PDF, PNG or JPEG file."),
    ],
)  # fmt: skip
def test_bad_input_is_explained_next_to_the_field_and_kept(login_as, personas, org_url, budget, change, field, message):
    data = {**_form(personas), **change}
    response = login_as(personas.alice).post(org_url("budgets:expense-create", budget_id=budget.pk), data)

    body = text(response)
    assert response.status_code == 400
    wrapper = body[body.index(f'for="id_{field}"') :]
    assert message in wrapper[: wrapper.index("</div>")]
    assert 'value="Stock photos licence"' in body or field == "description"
    assert not SpendEntry.objects.exists()


def test_a_viewer_may_not_record_expenses(login_as, personas, org_url, budget):
    client = login_as(personas.vera)
    assert client.get(org_url("budgets:expense-create", budget_id=budget.pk)).status_code == 403
    assert client.post(org_url("budgets:expense-create", budget_id=budget.pk), _form(personas)).status_code == 403


def test_a_contractor_gets_404(login_as, personas, org_url, budget):
    response = login_as(personas.carol).post(org_url("budgets:expense-create", budget_id=budget.pk), _form(personas))
    assert response.status_code == 404


def test_another_organizations_budget_is_404(login_as, personas, org_url, frozen):
    foreign = make_budget(personas, organization=personas.other_org, actor=personas.oscar, name="Oscar's ads")
    response = login_as(personas.alice).post(org_url("budgets:expense-create", budget_id=foreign.pk), _form(personas))
    assert response.status_code == 404
    assert not SpendEntry.objects.exists()
