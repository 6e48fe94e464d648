"""bid_comparison (part of `make bench`): the bid comparison page with 50 bids against the same page
with 3, on the bench data set (bench/run.py's timing worker calls it after the overview).

Two open jobs are added to the demo organization inside a transaction that is rolled back at the
end, so the data set stays as generated: one with 50 bids, one with 3, from the organization's
engagements with the most contracts (real track records: milestones, reviewed time). Each bidder
also gets a scored interview and a received reference, so vetting and trust have evidence to
read. Then, interleaved as for the overview: GET each page as the owner (2 warm-ups, BENCH_RUNS
measured rounds, medians) and count each page's queries. The target: the page with 50 bids sends
exactly as many queries as the one with 3 and takes at most TARGET times as long.
"""

import os
import statistics
from datetime import timedelta

TARGET = 3.0  # page ms with 50 bids ÷ page ms with 3 bids
MANY, FEW = 50, 3


def _jobs(organization, owner, today):
    from django.db.models import Count
    from django.utils import timezone

    from outsourcer.budgets.models import Budget
    from outsourcer.contractors.models import Engagement
    from outsourcer.hiring.models import Bid, Interview, Job, JobInvitation, ReferenceCheck, Scorecard

    now = timezone.now()
    budget = Budget.objects.filter(organization=organization).order_by("pk").first()
    engagements = list(
        Engagement.objects.filter(organization=organization)
        .annotate(n=Count("contracts"))
        .order_by("-n", "pk")
        .select_related("contractor")[:MANY]
    )
    assert len(engagements) == MANY, f"the demo organization has {len(engagements)} engagements, not {MANY}"
    jobs = {}
    for size in (MANY, FEW):
        job = Job.objects.create(
            organization=organization,
            budget=budget,
            title=f"Bench job with {size} bids",
            deadline_on=today + timedelta(days=30),
            status="open",
            opened_at=now,
            created_by=owner,
        )
        for index, engagement in enumerate(engagements[:size]):
            JobInvitation.objects.create(
                organization=organization, job=job, contractor=engagement.contractor, engagement=engagement
            )
            total = 150_000 + 997 * index
            Bid.objects.create(
                organization=organization,
                job=job,
                contractor=engagement.contractor,
                engagement=engagement,
                rate_model="fixed",
                currency=budget.currency,
                fixed_total_cents=total,
                total_cents=total,
                total_budget_cents=total,
                proposed_start_on=today + timedelta(days=3),
                finishes_on=today + timedelta(days=20 + index % 15),
            )
        jobs[size] = job
    for engagement in engagements:
        interview = Interview.objects.create(
            organization=organization,
            engagement=engagement,
            contractor=engagement.contractor,
            starts_at=now - timedelta(days=10),
            status="done",
        )
        Scorecard.objects.create(
            organization=organization,
            interview=interview,
            interviewer=owner,
            communication=4,
            skill=5,
            reliability=4,
            understanding=3,
        )
        ReferenceCheck.objects.create(
            organization=organization,
            engagement=engagement,
            contractor=engagement.contractor,
            referee_name="Bench Referee",
            referee_email="referee@bench.example",
            relationship="Former client",
            status="received",
            expires_at=now + timedelta(days=14),
            received_at=now - timedelta(days=5),
            reliability=5,
            quality=4,
            communication=4,
            would_hire_again=True,
        )
    return jobs


def measure_bid_comparison(*, db: str, scale: str, rows: int, today) -> dict:
    """The `bid_comparison` entry for latest.json (the jobs are rolled back afterwards)."""
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench.generate import DEMO_OWNER_EMAIL, DEMO_SLUG
    from bench.measure import _interleaved_times
    from outsourcer.accounts.models import Organization, User
    from outsourcer.budgets.periods import today_for

    runs = int(os.environ.get("BENCH_RUNS", "7"))
    organization = Organization.objects.get(slug=DEMO_SLUG)
    owner = User.objects.get(email=DEMO_OWNER_EMAIL)
    with transaction.atomic():
        jobs = _jobs(organization, owner, today_for(organization))
        client = Client()
        client.force_login(owner)
        urls = {size: reverse("hiring:job-compare", args=[organization.slug, job.pk]) for size, job in jobs.items()}

        def page(size):
            def get():
                response = client.get(urls[size])
                assert response.status_code == 200, response.status_code
                return response

            return get

        queries = {}
        for size in urls:
            page(size)()
            with CaptureQueriesContext(connection) as captured:
                html = page(size)().content.decode()
            queries[size] = len(captured.captured_queries)
            assert html.count('<th scope="col">') == size + 1, f"the page with {size} bids shows other columns"
        times = _interleaved_times({MANY: page(MANY), FEW: page(FEW)}, runs)
        transaction.set_rollback(True)
    median = {size: statistics.median(values) for size, values in times.items()}
    ratio = round(median[MANY] / median[FEW], 2)
    return {
        "name": "bid_comparison",
        "db": db,
        "scale": scale,
        "rows": rows,
        "target": TARGET,
        "runs": runs,
        "measured_on": today.isoformat(),
        "numerator_ms": round(median[MANY], 3),
        "denominator_ms": round(median[FEW], 3),
        "ratio": ratio,
        "page_ms_50_bids": round(median[MANY], 3),
        "page_ms_3_bids": round(median[FEW], 3),
        "queries_50_bids": queries[MANY],
        "queries_3_bids": queries[FEW],
        "same_queries": queries[MANY] == queries[FEW],
        "samples_ms": {f"{size}_bids": [round(v, 3) for v in values] for size, values in times.items()},
    }


def bid_comparison_table(entries: list[dict]) -> list[str]:
    """The table between the bench:bid_comparison markers in docs/performance.md."""
    lines = [
        "| measured | scale | db | page ms, 50 bids | page ms, 3 bids | ratio | target | queries (50 / 3) | result |",
        "|---|---|---|---:|---:|---:|---:|---|---|",
    ]
    for e in (e for e in entries if e["name"] == "bid_comparison"):
        passed = e["ratio"] <= e["target"] and e["same_queries"]
        lines.append(
            f"| {e['measured_on']} | {e['scale']} | {e['db']} | {e['page_ms_50_bids']:.1f} | {e['page_ms_3_bids']:.1f} "
            f"| {e['ratio']:.2f} | {e['target']} | {e['queries_50_bids']} / {e['queries_3_bids']} "
            f"| {'pass' if passed else '**fail**'} |"
        )
    return lines
