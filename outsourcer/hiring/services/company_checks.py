"""The company checklist of an engagement: each item's status, note and evidence (an uploaded file
or a link), and who checked it when. A file is accepted by its content (lib/uploads.py) and stored
under a generated name; only members of the organization download it (views/references.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import User
from outsourcer.audit.events import event_record
from outsourcer.contractors.models import Engagement
from outsourcer.hiring import events
from outsourcer.hiring.models import CompanyCheck, CompanyCheckItem, CompanyCheckStatus
from outsourcer.lib.uploads import upload_check, upload_name
from outsourcer.lib.validation import Errors

__all__ = ["company_check_update"]

EVIDENCE_KINDS = ("pdf", "png", "jpeg", "webp")
MAX_NOTE = 2_000
MAX_URL = 500

ITEM = "Choose one of the checklist items."
STATUS = "Choose verified, could not verify, or not checked yet."
URL = "Enter a full web address starting with https:// or http://."


def _clean_url(errors: Errors, value) -> str:
    url = errors.text(value, field="evidence_url", label="Evidence link", max_length=MAX_URL, required=False)
    if url and "evidence_url" not in errors:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors.add("evidence_url", URL)
    return url


def company_check_update(
    *,
    engagement: Engagement,
    item: str,
    actor: User,
    status: str,
    note: str = "",
    evidence_url: str = "",
    evidence: UploadedFile | None = None,
    remove_evidence: bool = False,
) -> CompanyCheck:
    """Set one checklist item's status, note and evidence (a new file replaces the old one, which is
    deleted after commit), recording who checked it and when (cleared when set back to pending)."""
    errors = Errors()
    errors.choice(item, field="item", choices=CompanyCheckItem.values, message=ITEM)
    errors.choice(status, field="status", choices=CompanyCheckStatus.values, message=STATUS)
    note = errors.text(note, field="note", label="Note", max_length=MAX_NOTE, required=False)
    evidence_url = _clean_url(errors, evidence_url)
    errors.raise_if_any()
    kind = None
    if evidence is not None:
        kind = upload_check(
            evidence,
            field="evidence",
            noun="evidence file",
            kinds=EVIDENCE_KINDS,
            max_bytes=settings.EVIDENCE_MAX_BYTES,
        )
    with transaction.atomic():
        check, _ = CompanyCheck.objects.select_for_update().get_or_create(
            engagement=engagement, item=item, defaults={"organization_id": engagement.organization_id}
        )
        before = {"status": check.status, "note": check.note, "evidence_url": check.evidence_url}
        old_file = check.evidence.name if check.evidence and (evidence is not None or remove_evidence) else ""
        check.status, check.note, check.evidence_url = status, note, evidence_url
        if remove_evidence:
            check.evidence = ""
        if evidence is not None:
            check.evidence.save(upload_name(kind), evidence, save=False)
        checked = status != CompanyCheckStatus.PENDING
        check.verified_by = actor if checked else None
        check.verified_at = timezone.now() if checked else None
        check.save()
        event_record(
            action=events.COMPANY_CHECK_UPDATED,
            organization=engagement.organization,
            actor=actor,
            obj=check,
            before=before,
            after={
                "item": item,
                "status": status,
                "note": note,
                "evidence_url": evidence_url,
                "evidence": "file" if evidence is not None else ("link" if evidence_url else None),
                "contractor": engagement.contractor.name,
                "engagement_id": engagement.pk,
            },
        )
        if old_file:
            storage = check.evidence.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    return check
