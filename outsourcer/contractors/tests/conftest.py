import pytest
from django.urls import reverse

from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus


@pytest.fixture
def url(personas):
    """`url("contractors:detail", engagement_id=…)` in Alice's organization."""

    def _url(name: str, **kwargs) -> str:
        if name.startswith("contractors:"):
            kwargs = {"org_slug": personas.org.slug, **kwargs}
        return reverse(name, kwargs=kwargs)

    return _url


@pytest.fixture
def many_engagements():
    """`many_engagements(organization, n)` adds n engagements fast (bulk, no services)."""

    def _make(organization, n: int, *, prefix: str = "Bulk") -> None:
        start = Contractor.objects.count()
        contractors = Contractor.objects.bulk_create(
            Contractor(
                name=f"{prefix} {start + i:04d}",
                email=f"{prefix.lower()}{start + i}@bulk.example",
                skills="copywriting, seo",
                time_zone="Asia/Manila",
                created_by_organization=organization,
            )  # fmt: skip
            for i in range(n)
        )
        Engagement.objects.bulk_create(
            Engagement(
                organization=organization, contractor=c, status=EngagementStatus.ACTIVE, weekly_capacity_minutes=600
            )
            for c in contractors
        )

    return _make
