"""The ledger is append-only: no service, admin, API or ORM path changes or deletes an entry."""

from datetime import date

import pytest
from django.contrib.admin.sites import site
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from outsourcer.audit.models import Event
from outsourcer.budgets.models import AppendOnlyError, SpendEntry, SpendKind
from outsourcer.budgets.services import expense_record, spend_entry_reverse
from outsourcer.lib.errors import DomainError, FieldErrors
from outsourcer.testing.builders import make_budget
from outsourcer.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 10)


@pytest.fixture
def entry(personas):
    budget = make_budget(personas)
    return expense_record(budget=budget, actor=personas.bob, amount_cents=12_345, occurred_on=DAY, description="Ads")


def test_an_expense_is_filed_under_its_period(entry, personas):
    assert (entry.kind, entry.amount_cents, entry.currency, entry.period_start) == ("expense", 12_345, "EUR",
                                                                                    date(2025, 3, 1))  # fmt: skip
    assert entry.organization_id == personas.org.pk
    assert Event.objects.filter(action="expense_recorded", object_id=str(entry.pk)).exists()


def test_saving_an_existing_entry_raises(entry):
    entry.amount_cents = 1
    with pytest.raises(AppendOnlyError):
        entry.save()
    entry.refresh_from_db()
    assert entry.amount_cents == 12_345


def test_deleting_or_bulk_changing_entries_raises(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        SpendEntry.objects.filter(pk=entry.pk).update(amount_cents=0)
    with pytest.raises(AppendOnlyError):
        SpendEntry.objects.all().delete()
    assert SpendEntry.objects.get(pk=entry.pk).amount_cents == 12_345


def test_the_admin_refuses_change_add_and_delete_even_for_a_superuser(entry, client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    model_admin = site._registry[SpendEntry]
    request = RequestFactory().get("/")
    request.user = superuser

    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert not model_admin.has_add_permission(request)
    client.force_login(superuser, backend="outsourcer.accounts.backends.EmailBackend")
    change_url = reverse("admin:budgets_spendentry_change", args=[entry.pk])
    assert client.get(change_url).status_code == 200  # viewable…
    assert client.post(change_url, {"amount_cents": 1}).status_code == 403  # …not changeable
    assert client.post(reverse("admin:budgets_spendentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:budgets_spendentry_add")).status_code == 403
    response = client.post(
        reverse("admin:budgets_spendentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302, 403)
    assert SpendEntry.objects.filter(pk=entry.pk, amount_cents=12_345).exists()


def test_a_reversal_appends_the_negative_in_the_same_period(entry, personas):
    correction = spend_entry_reverse(entry=entry, actor=personas.alice, reason="Booked twice")

    assert correction.kind == SpendKind.CORRECTION
    assert correction.amount_cents == -12_345
    assert (correction.period_start, correction.occurred_on, correction.reverses_id) == (entry.period_start, DAY,
                                                                                         entry.pk)  # fmt: skip
    event = Event.objects.get(action="spend_reversed")
    assert event.reason == "Booked twice" and event.actor == personas.alice
    assert SpendEntry.objects.filter(pk=entry.pk, amount_cents=12_345).exists()


def test_an_entry_is_reversed_once_and_a_correction_never(entry, personas):
    correction = spend_entry_reverse(entry=entry, actor=personas.alice, reason="Booked twice")

    with pytest.raises(DomainError) as caught:
        spend_entry_reverse(entry=entry, actor=personas.alice, reason="again")
    assert caught.value.code == "already_reversed"
    with pytest.raises(DomainError) as caught:
        spend_entry_reverse(entry=correction, actor=personas.alice, reason="undo")
    assert caught.value.code == "not_reversible"


def test_a_reversal_needs_a_reason(entry, personas):
    with pytest.raises(FieldErrors) as caught:
        spend_entry_reverse(entry=entry, actor=personas.alice, reason="  ")
    assert caught.value.errors == {"reason": "Reason is required."}


def test_an_expense_validates_its_fields(personas):
    budget = make_budget(personas)
    with pytest.raises(FieldErrors) as caught:
        expense_record(budget=budget, actor=personas.bob, amount_cents=0, occurred_on=None, description="")
    assert set(caught.value.errors) == {"amount_cents", "occurred_on", "description"}


def test_an_expense_for_a_foreign_contractor_is_refused(personas):
    budget = make_budget(personas)
    with pytest.raises(DomainError) as caught:
        expense_record(
            budget=budget, actor=personas.bob, amount_cents=10, occurred_on=DAY, description="x",
            contractor=personas.dan_contractor,
        )  # fmt: skip
    assert caught.value.field == "contractor"


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("receipt.pdf", b"%PDF-1.7 ...", True),
        ("receipt.png", b"\x89PNG\r\n\x1a\n....", True),
        ("receipt.jpg", b"\xff\xd8\xff\xe0....", True),
        ("receipt.pdf", b"MZ\x90\x00 not a pdf", False),
        ("receipt.exe", b"%PDF-1.7", False),
        ("receipt.png", b"%PDF-1.7", False),
    ],
)
def test_receipts_must_be_pdf_png_or_jpeg(personas, settings, tmp_path, name, content, ok):
    settings.MEDIA_ROOT = tmp_path
    budget = make_budget(personas)
    receipt = SimpleUploadedFile(name, content)
    if ok:
        entry = expense_record(
            budget=budget, actor=personas.bob, amount_cents=10, occurred_on=DAY, description="x", receipt=receipt
        )
        assert entry.receipt.name.startswith("receipts/")
    else:
        with pytest.raises(DomainError) as caught:
            expense_record(
                budget=budget, actor=personas.bob, amount_cents=10, occurred_on=DAY, description="x", receipt=receipt
            )
        assert caught.value.field == "receipt"
        assert SpendEntry.objects.count() == 0


def test_receipts_are_at_most_10_mb(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    budget = make_budget(personas)
    receipt = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(DomainError) as caught:
        expense_record(
            budget=budget, actor=personas.bob, amount_cents=10, occurred_on=DAY, description="x", receipt=receipt
        )
    assert caught.value.message == "A receipt is at most 10 MB."
