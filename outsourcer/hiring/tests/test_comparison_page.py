"""The bid comparison page and its CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.budgets.selectors import budget_figures
from outsourcer.hiring.models import BidStatus
from outsourcer.hiring.selectors.comparison import bid_comparison
from outsourcer.hiring.tests.evidence import accept_milestones, interview, reference
from outsourcer.testing.builders import TODAY
from outsourcer.testing.factories import ContractorFactory, EngagementFactory
from outsourcer.testing.hiring import insert_bid, insert_job, second_bidder

pytestmark = pytest.mark.django_db


def _url(p, job, name="hiring:job-compare", **query):
    url = reverse(name, kwargs={"org_slug": p.org.slug, "job_id": job.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def three_bids(personas):
    """Carol (vetted, with history), Erin (cheapest, late, in USD) and Fay (no history)."""
    job = insert_job(personas, deadline_on=TODAY + timedelta(days=30))
    carol = personas.carol_engagement
    interview(personas, carol)
    reference(carol)
    reference(carol)
    accept_milestones(personas, carol, days_late=(0, 0))
    erin, fay = second_bidder(personas), second_bidder(personas, name="Fay Bidder")
    bids = {
        "carol": insert_bid(job, carol, total_cents=300_000),
        "erin": insert_bid(
            job,
            erin,
            total_cents=260_000,
            total_budget_cents=239_200,
            currency="USD",
            exchange_rate_micros=920_000,
            finishes_on=TODAY + timedelta(days=33),
        ),
        "fay": insert_bid(
            job,
            fay,
            rate_model="hourly",
            fixed_total_cents=None,
            hourly_rate_cents=5000,
            estimated_minutes=60 * 60,
            total_cents=300_000,
            total_budget_cents=300_000,
            status=BidStatus.ALTERNATE,
        ),
    }
    withdrawn = second_bidder(personas, name="Gus Bidder")
    insert_bid(job, withdrawn, total_cents=100, status=BidStatus.WITHDRAWN)
    declined = second_bidder(personas, name="Hal Bidder")
    insert_bid(job, declined, total_cents=100, status=BidStatus.DECLINED)
    return job, bids


def _names(comparison):
    return [c.contractor.name for c in comparison.bids]


def test_it_compares_the_bids_still_in_the_running(personas, three_bids):
    job, bids = three_bids
    comparison = bid_comparison(job=job, organization=personas.org)
    assert _names(comparison) == ["Erin Bidder", "Carol Contractor", "Fay Bidder"]
    erin, carol, fay = comparison.bids
    remaining = budget_figures(budget=job.budget).remaining_cents
    assert comparison.remaining_cents == remaining
    assert carol.percent_of_remaining == round(300_000 * 100 / remaining)
    assert erin.own_total_text == "$2,600.00 at 0.92" and carol.own_total_text is None
    assert (erin.days_late, carol.days_late) == (3, 0)
    assert (erin.is_cheapest, carol.is_cheapest, fay.is_cheapest) == (True, False, False)
    assert carol.is_most_trusted and not erin.is_most_trusted
    assert carol.vetting.passed and erin.vetting.missing == ["1 interview with a scorecard", "2 references received"]
    assert carol.record.on_time_percent == 100 and not fay.record.has_history
    assert fay.terms_text == "€50.00/h × 60 h" and carol.terms_text == "€3,000.00 fixed"
    assert erin.trust.score is None and carol.trust.score is not None


def test_it_shows_the_capacity_left_never_other_clients_work(personas, three_bids):
    job, _ = three_bids
    carol = personas.carol_contractor
    other = EngagementFactory(organization=personas.other_org, contractor=carol, weekly_capacity_minutes=5 * 60)
    EngagementFactory(contractor=carol, weekly_capacity_minutes=3 * 60, status="ended")
    row = next(c for c in bid_comparison(job=job, organization=personas.org).bids if c.contractor == carol)
    given = personas.carol_engagement.weekly_capacity_minutes + other.weekly_capacity_minutes
    assert row.capacity_left_minutes == carol.weekly_capacity_minutes - given


@pytest.mark.parametrize(
    ("sort", "names"),
    [
        ("total", ["Erin Bidder", "Carol Contractor", "Fay Bidder"]),
        ("trust", ["Carol Contractor", "Erin Bidder", "Fay Bidder"]),
        ("finish", ["Carol Contractor", "Fay Bidder", "Erin Bidder"]),
        ("record", ["Carol Contractor", "Erin Bidder", "Fay Bidder"]),
        ("nonsense", ["Erin Bidder", "Carol Contractor", "Fay Bidder"]),
    ],
)
def test_it_sorts(personas, three_bids, sort, names):
    job, _ = three_bids
    assert _names(bid_comparison(job=job, organization=personas.org, sort=sort)) == names


def test_the_page_shows_the_columns_and_marks(personas, three_bids, login_as):
    job, _ = three_bids
    response = login_as(personas.vera).get(_url(personas, job, sort="trust"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Carol Contractor") < html.index("Erin Bidder") < html.index("Fay Bidder")
    assert "Gus Bidder" not in html and "Hal Bidder" not in html
    assert html.count("Cheapest</mark>") == 1 and html.count("Most trusted</mark>") == 1
    assert "$2,600.00 at 0.92" in html and "3 days late" in html and "No history yet" in html
    assert "Not enough data" in html
    assert reverse("hiring:trust", args=[personas.org.slug, personas.carol_engagement.pk]) in html
    assert 'href="?sort=total"' in html and 'aria-current="true">Most trusted' in html


def test_each_column_leads_to_award_interview_vetting_and_questions(personas, login_as):
    job = insert_job(personas)
    bid = insert_bid(job, personas.carol_engagement)
    slug = personas.org.slug
    award = reverse("hiring:bid-award", args=[slug, job.pk, bid.pk])
    interview = reverse("hiring:interview-create", args=[slug]) + f"?bid={bid.pk}"
    vetting = reverse("hiring:vetting", args=[slug, personas.carol_engagement.pk])
    thread = reverse("hiring:job-thread", args=[slug, job.pk, personas.carol_contractor.pk])

    html = login_as(personas.bob).get(_url(personas, job)).content.decode()
    assert all(url in html for url in (award, interview, vetting, thread))
    html = login_as(personas.vera).get(_url(personas, job)).content.decode()
    assert vetting in html and thread in html and award not in html and interview not in html


def test_the_page_says_when_there_are_no_bids(personas, login_as):
    job = insert_job(personas)
    html = login_as(personas.alice).get(_url(personas, job)).content.decode()
    assert "No bids to compare yet." in html


def test_another_organizations_job_is_not_found(personas, login_as):
    job = insert_job(personas, organization=personas.other_org)
    assert login_as(personas.alice).get(_url(personas, job)).status_code == 404
    assert login_as(personas.alice).get(_url(personas, job, "hiring:job-compare-csv")).status_code == 404


def test_the_csv_has_a_row_per_bid(personas, three_bids, login_as):
    job, _ = three_bids
    response = login_as(personas.bob).get(_url(personas, job, "hiring:job-compare-csv", sort="total"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [r["contractor"] for r in rows] == ["Erin Bidder", "Carol Contractor", "Fay Bidder"]
    erin, carol, fay = rows
    assert (erin["total (budget currency)"], erin["total (bid currency)"], erin["bid currency"]) == (
        "2392.00",
        "2600.00",
        "USD",
    )
    assert (erin["days past the deadline"], erin["cheapest"], carol["most trusted"]) == ("3", "yes", "yes")
    assert carol["vetting"] == "passed" and erin["vetting"].startswith("missing: 1 interview")
    assert fay["on-time %"] == "" and carol["on-time %"] == "100"


def test_a_formula_in_a_name_stays_text_in_the_csv(personas, login_as):
    job = insert_job(personas)
    contractor = ContractorFactory(name="=HYPERLINK(1)")
    insert_bid(job, EngagementFactory(organization=personas.org, contractor=contractor))
    body = b"".join(login_as(personas.alice).get(_url(personas, job, "hiring:job-compare-csv")).streaming_content)
    assert "'=HYPERLINK(1)" in body.decode("utf-8-sig")


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def _bids(p, job, n, prefix):
    for i in range(n):
        engagement = second_bidder(p, name=f"{prefix}{i} Bidder")
        interview(p, engagement)
        reference(engagement)
        accept_milestones(p, engagement, days_late=(i % 2,))
        insert_bid(job, engagement, total_cents=200_000 + i)


def test_the_page_sends_as_many_queries_for_3_bids_as_for_50(personas, login_as, django_assert_num_queries):
    client = login_as(personas.alice)
    few = insert_job(personas)
    many = insert_job(personas, title="Big job", budget=few.budget)
    _bids(personas, few, 3, "F")
    _bids(personas, many, 50, "M")
    client.get(_url(personas, few))  # the session and the nav warm up alike for both
    expected = _page_queries(client, _url(personas, few))
    with django_assert_num_queries(expected):
        response = client.get(_url(personas, many))
    assert response.content.decode().count('<mark class="best">') >= 2
    assert _page_queries(client, _url(personas, few, "hiring:job-compare-csv")) <= expected
