""" "Why this score": an engagement's trust score with its breakdown (reads only)."""

from django.shortcuts import render

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.budgets.periods import today_for
from outsourcer.contractors.access import access_engagement
from outsourcer.hiring.track_record import tallies_fetch, track_records
from outsourcer.hiring.trust import DECAY, MIN_EVIDENCE_WEIGHT, trust_scores, trust_sources


@org_view("contractor.view")
def engagement_trust(request, ctx: OrgContext, engagement_id: int):
    engagement = access_engagement(ctx, engagement_id)
    organization = ctx.organization
    today = today_for(organization)
    contractor_ids = [engagement.contractor_id]
    tallies = tallies_fetch(trust_sources(organization=organization, contractor_ids=contractor_ids, today=today))
    records = track_records(organization=organization, contractor_ids=contractor_ids, tallies=tallies)
    trust = trust_scores(
        organization=organization,
        engagement_ids=[engagement.pk],
        contractor_ids={engagement.pk: engagement.contractor_id},
        tallies=tallies,
        today=today,
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
