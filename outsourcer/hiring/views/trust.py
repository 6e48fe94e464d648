""" "Why this score": an engagement's trust score with its breakdown (reads only)."""

from django.shortcuts import render

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.contractors.access import access_engagement
from outsourcer.hiring.track_record import track_records
from outsourcer.hiring.trust import DECAY, MIN_EVIDENCE_WEIGHT, trust_scores


@org_view("contractor.view")
def engagement_trust(request, ctx: OrgContext, engagement_id: int):
    engagement = access_engagement(ctx, engagement_id)
    organization = ctx.organization
    records = track_records(organization=organization, contractor_ids=[engagement.contractor_id])
    trust = trust_scores(
        organization=organization,
        engagement_ids=[engagement.pk],
        records=records,
        contractor_ids={engagement.pk: engagement.contractor_id},
    )[engagement.pk]
    context = {
        "ctx": ctx,
        "engagement": engagement,
        "contractor": engagement.contractor,
        "trust": trust,
        "record": records[engagement.contractor_id],
        "decay": DECAY,
        "min_weight": MIN_EVIDENCE_WEIGHT,
    }
    return render(request, "hiring/trust/detail.html", context)
