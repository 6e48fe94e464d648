"""Hiring: jobs put out for bids, the bids, the bidders' questions, interviews with scorecards,
reference checks, company checks and the organization's vetting policy (PRODUCT.md, mistake 2).

Every row carries its organization; rows a contractor reads carry `contractor_id` too, so the
portal's lists are index range scans (STYLE.md, "Data design for speed").
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

RATE_MODELS = ("fixed", "hourly", "retainer")


class RateModel(models.TextChoices):
    """The same values as contracts' RateModel, so a bid becomes a contract's terms unchanged."""

    FIXED = "fixed", "Fixed price"
    HOURLY = "hourly", "Hourly"
    RETAINER = "retainer", "Retainer"


class JobStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for bids"
    AWARDED = "awarded", "Awarded"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


class Job(models.Model):
    """A piece of work put out for bids, drawing from one budget. Expected amounts are in the
    budget's currency."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="jobs")
    budget = models.ForeignKey("budgets.Budget", on_delete=models.RESTRICT, related_name="jobs")
    title = models.CharField(max_length=200)
    # The structured brief.
    goal = models.TextField(blank=True)
    deliverables = models.TextField(blank=True)
    acceptance_criteria = models.TextField(blank=True)
    deadline_on = models.DateField(null=True, blank=True)
    skills = models.CharField(max_length=500, blank=True, help_text="Comma-separated, lower case.")
    rate_model = models.CharField(max_length=10, choices=RateModel.choices, default=RateModel.FIXED)
    expected_min_cents = models.PositiveBigIntegerField(null=True, blank=True)
    expected_max_cents = models.PositiveBigIntegerField(null=True, blank=True)
    bids_due_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.DRAFT)
    # Why the job was saved although it looked like open work (docs/similar.md).
    duplicate_override_reason = models.CharField(max_length=500, blank=True)
    # The share link: signed with the job id and this nonce; a new nonce revokes every old link.
    share_nonce = models.CharField(max_length=32, blank=True)
    share_expires_at = models.DateTimeField(null=True, blank=True)
    # Set by the award: the contract made from the winning bid.
    contract = models.ForeignKey(
        "contracts.Contract", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "open", "awarded", "closed", "cancelled"]), name="job_status_valid"
            ),
            models.CheckConstraint(condition=Q(rate_model__in=RATE_MODELS), name="job_rate_model_valid"),
            models.CheckConstraint(
                condition=Q(expected_min_cents__isnull=True)
                | Q(expected_max_cents__isnull=True)
                | Q(expected_min_cents__lte=models.F("expected_max_cents")),
                name="job_expected_range_ordered",
            ),
        ]
        indexes = [models.Index(fields=["organization", "status", "-created_at"], name="job_org_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def skill_list(self) -> list[str]:
        return [s for s in self.skills.split(", ") if s]


class JobInvitation(models.Model):
    """A contractor from the directory invited to bid on a job."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="invitations")
    contractor = models.ForeignKey("contractors.Contractor", on_delete=models.CASCADE, related_name="job_invitations")
    engagement = models.ForeignKey("contractors.Engagement", on_delete=models.CASCADE, related_name="+")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "contractor"], name="job_invitation_unique")]
        indexes = [models.Index(fields=["contractor", "-invited_at"], name="job_invitation_contractor")]

    def __str__(self) -> str:
        return f"{self.contractor} invited to {self.job}"


class BidStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"
    AWARDED = "awarded", "Awarded"
    ALTERNATE = "alternate", "Kept as alternate"
    DECLINED = "declined", "Declined"


class Bid(models.Model):
    """A contractor's offer on a job: one per contractor and job, revised in place (every revision
    is kept in BidRevision). Terms are in `currency`; when it differs from the budget's,
    `exchange_rate_micros` records the rate used (budget units per bid unit × 1,000,000), as
    contracts do. `total_cents`/`total_budget_cents` are the expected total cost, normalized
    across rate models by the service, so the comparison sorts and sums in SQL."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="bids")
    contractor = models.ForeignKey("contractors.Contractor", on_delete=models.CASCADE, related_name="bids")
    engagement = models.ForeignKey("contractors.Engagement", on_delete=models.CASCADE, related_name="bids")
    status = models.CharField(max_length=10, choices=BidStatus.choices, default=BidStatus.SUBMITTED)
    rate_model = models.CharField(max_length=10, choices=RateModel.choices)
    currency = models.CharField(max_length=3)
    exchange_rate_micros = models.PositiveBigIntegerField(null=True, blank=True)
    # fixed
    fixed_total_cents = models.PositiveBigIntegerField(null=True, blank=True)
    # hourly
    hourly_rate_cents = models.PositiveBigIntegerField(null=True, blank=True)
    estimated_minutes = models.PositiveIntegerField(null=True, blank=True)
    # retainer
    retainer_fee_cents = models.PositiveBigIntegerField(null=True, blank=True)
    retainer_months = models.PositiveSmallIntegerField(null=True, blank=True)
    total_cents = models.PositiveBigIntegerField(default=0)
    total_budget_cents = models.PositiveBigIntegerField(default=0)
    proposed_start_on = models.DateField(null=True, blank=True)
    finishes_on = models.DateField(null=True, blank=True)
    approach = models.TextField(blank=True)
    questions = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=1)
    # What the organization wrote to the bidder when declining (or keeping as an alternate).
    decision_message = models.TextField(blank=True)
    award_override_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "contractor"], name="bid_one_per_contractor"),
            # Exactly one bid can win a job, even when two awards arrive together.
            models.UniqueConstraint(fields=["job"], condition=Q(status="awarded"), name="bid_one_winner_per_job"),
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "withdrawn", "awarded", "alternate", "declined"]),
                name="bid_status_valid",
            ),
            models.CheckConstraint(condition=Q(rate_model__in=RATE_MODELS), name="bid_rate_model_valid"),
        ]
        indexes = [
            models.Index(fields=["job", "status", "total_budget_cents"], name="bid_job_status_total"),
            models.Index(fields=["contractor", "-submitted_at"], name="bid_contractor"),
        ]

    def __str__(self) -> str:
        return f"Bid by {self.contractor} on {self.job}"


class BidRevision(models.Model):
    """A bid as it was submitted, one row per submission or revision (never edited)."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    terms = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bid", "number"], name="bid_revision_unique")]

    def __str__(self) -> str:
        return f"Revision {self.number} of {self.bid}"


class InterviewStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class Interview(models.Model):
    """A scheduled conversation with a contractor (about a job, or about the engagement at large)."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey("contractors.Engagement", on_delete=models.CASCADE, related_name="interviews")
    contractor = models.ForeignKey("contractors.Contractor", on_delete=models.CASCADE, related_name="interviews")
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="interviews")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveIntegerField(default=45)
    location = models.CharField(max_length=300, blank=True, help_text="A meeting link, phone number or address.")
    status = models.CharField(max_length=10, choices=InterviewStatus.choices, default=InterviewStatus.SCHEDULED)
    interviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    # The calendar invitation's SEQUENCE: one more with every change sent to the attendees.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["scheduled", "done", "cancelled"]), name="interview_status_valid"
            ),
            models.CheckConstraint(condition=Q(duration_minutes__gt=0), name="interview_duration_positive"),
        ]
        indexes = [
            models.Index(fields=["organization", "starts_at"], name="interview_org_starts"),
            models.Index(fields=["contractor", "starts_at"], name="interview_contractor_starts"),
        ]

    def __str__(self) -> str:
        return f"Interview with {self.contractor}"


class Scorecard(models.Model):
    """One interviewer's scores (1–5) of one interview. Never shown to the contractor."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scorecards")
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    communication = models.PositiveSmallIntegerField()
    skill = models.PositiveSmallIntegerField()
    reliability = models.PositiveSmallIntegerField()
    understanding = models.PositiveSmallIntegerField()
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interview", "interviewer"], name="scorecard_one_per_interviewer"),
            models.CheckConstraint(
                condition=Q(communication__gte=1, communication__lte=5)
                & Q(skill__gte=1, skill__lte=5)
                & Q(reliability__gte=1, reliability__lte=5)
                & Q(understanding__gte=1, understanding__lte=5),
                name="scorecard_scores_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"Scorecard of {self.interview}"

    @property
    def average(self) -> float:
        return (self.communication + self.skill + self.reliability + self.understanding) / 4


class ReferenceStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    RECEIVED = "received", "Received"
    EXPIRED = "expired", "Expired"


class ReferenceCheck(models.Model):
    """A referee's answers about a contractor, given once through a signed, expiring link. The link
    carries the row's id and `token_nonce`; answering clears the nonce, so the link works once."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey("contractors.Engagement", on_delete=models.CASCADE, related_name="references")
    contractor = models.ForeignKey("contractors.Contractor", on_delete=models.CASCADE, related_name="+")
    referee_name = models.CharField(max_length=120)
    referee_email = models.EmailField(max_length=254)
    relationship = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=ReferenceStatus.choices, default=ReferenceStatus.REQUESTED)
    token_nonce = models.CharField(max_length=32, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    # The answers.
    worked_together_months = models.PositiveSmallIntegerField(null=True, blank=True)
    reliability = models.PositiveSmallIntegerField(null=True, blank=True)
    quality = models.PositiveSmallIntegerField(null=True, blank=True)
    communication = models.PositiveSmallIntegerField(null=True, blank=True)
    would_hire_again = models.BooleanField(null=True, blank=True)
    comments = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["requested", "received", "expired"]), name="reference_status_valid"
            ),
            models.CheckConstraint(
                condition=(Q(reliability__isnull=True) | Q(reliability__gte=1, reliability__lte=5))
                & (Q(quality__isnull=True) | Q(quality__gte=1, quality__lte=5))
                & (Q(communication__isnull=True) | Q(communication__gte=1, communication__lte=5)),
                name="reference_scores_1_to_5",
            ),
        ]
        indexes = [
            models.Index(fields=["engagement", "status"], name="reference_engagement_status"),
            models.Index(fields=["status", "requested_at"], name="reference_status_requested"),
        ]

    def __str__(self) -> str:
        return f"{self.referee_name} about {self.contractor}"


class CompanyCheckItem(models.TextChoices):
    REGISTRATION = "registration", "Business registration"
    WEBSITE = "website", "Website"
    PORTFOLIO = "portfolio", "Portfolio"
    INSURANCE = "insurance", "Insurance"
    TAX = "tax", "Tax documents"


class CompanyCheckStatus(models.TextChoices):
    PENDING = "pending", "Not checked yet"
    VERIFIED = "verified", "Verified"
    FAILED = "failed", "Could not verify"


class CompanyCheck(models.Model):
    """One item of the company checklist for an engagement, with its evidence and who verified it."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey("contractors.Engagement", on_delete=models.CASCADE, related_name="company_checks")
    item = models.CharField(max_length=20, choices=CompanyCheckItem.choices)
    status = models.CharField(max_length=10, choices=CompanyCheckStatus.choices, default=CompanyCheckStatus.PENDING)
    evidence = models.FileField(upload_to="evidence/%Y/%m/", blank=True, max_length=255)
    evidence_url = models.URLField(max_length=500, blank=True)
    note = models.TextField(blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["engagement", "item"], name="company_check_one_per_item"),
            models.CheckConstraint(
                condition=Q(item__in=["registration", "website", "portfolio", "insurance", "tax"]),
                name="company_check_item_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "verified", "failed"]), name="company_check_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()} of {self.engagement_id}"


class VettingPolicy(models.Model):
    """What an organization asks before work is awarded to a contractor. No row means the default:
    one interview with a scorecard and two references received."""

    organization = models.OneToOneField(
        "accounts.Organization", on_delete=models.CASCADE, related_name="vetting_policy"
    )
    min_interviews = models.PositiveSmallIntegerField(default=1)
    min_references = models.PositiveSmallIntegerField(default=2)
    require_company_checks = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Vetting policy of {self.organization}"
