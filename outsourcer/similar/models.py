"""The similar-work index (docs/similar.md): one document per task or job, and its postings (the
keys lib/similarity.py derives from its title and brief), looked up by (organization, key)."""

from django.db import models
from django.db.models import Q


class DocumentKind(models.TextChoices):
    TASK = "task", "Task"
    JOB = "job", "Job"


class SimilarDocument(models.Model):
    """What the duplicate check knows of one task or job: its words, who holds it and whether it
    is still open (or when it closed). Kept by the work and hiring services in their transaction."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.CharField(max_length=4, choices=DocumentKind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    # lib.similarity.profile_dump of the title and text: the scorer reads it instead of the text.
    profile = models.JSONField(default=dict, blank=True)
    contractor = models.ForeignKey(
        "contractors.Contractor", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contractor_name = models.CharField(max_length=200, blank=True)
    is_open = models.BooleanField(default=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "object_id"], name="similar_document_once"),
            models.CheckConstraint(condition=Q(kind__in=DocumentKind.values), name="similar_document_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class SimilarPosting(models.Model):
    """One key of one document. The (organization, key, document) index answers "which documents
    share this word" as a range scan; nothing scores every row."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    document = models.ForeignKey(SimilarDocument, on_delete=models.CASCADE, related_name="postings")
    key = models.CharField(max_length=40)
    # The document's closed_at, None while it is open: a check reads which postings are live from
    # the index alone, never joining every posting of a key to its document.
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["organization", "key", "document", "closed_at"], name="similar_posting_live_key")
        ]

    def __str__(self) -> str:
        return self.key
