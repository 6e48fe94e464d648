"""Reads for contractors and engagements, used by pages and the API."""

from django.db.models import Count, Q

from outsourcer.accounts.models import Organization
from outsourcer.contractors.models import Engagement, EngagementStatus


def contractor_counts_for_organization(*, organization: Organization) -> dict[str, int]:
    """Engagement counts per status, plus "total", in one query."""
    aggregates = {status: Count("pk", filter=Q(status=status)) for status in EngagementStatus.values}
    counts = Engagement.objects.filter(organization=organization).aggregate(total=Count("pk"), **aggregates)
    return counts
