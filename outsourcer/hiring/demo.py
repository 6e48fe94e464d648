"""Demo hiring for Crumb & Co. Bakery (`manage.py demo`, see lib/demo_context.py): the bakery is
hiring for its spring menu launch — photos and short reels — from the Marketing budget. Four demo
contractors bid (one in US dollars, one in Australian dollars at a recorded rate); interviews are
scheduled or done with scorecards, references are requested, received or expired, and the studio's
company checklist is half verified.

The rows are inserted with the models directly, with explicit dates relative to today: the
hiring services (jobs, bids, interviews, references) are built in parallel branches; once they are
merged, this loader can call them instead (the rows are the same the services write).
"""

import secrets
from datetime import datetime, time, timedelta

from django.utils import timezone

from outsourcer.budgets.exchange import convert_cents
from outsourcer.budgets.periods import today_for
from outsourcer.hiring.models import (
    Bid,
    BidRevision,
    CompanyCheck,
    CompanyCheckItem,
    CompanyCheckStatus,
    Interview,
    InterviewStatus,
    Job,
    JobInvitation,
    JobStatus,
    ReferenceCheck,
    ReferenceStatus,
    Scorecard,
)
from outsourcer.hiring.services.similar import job_index
from outsourcer.lib.demo_context import DemoContext
from outsourcer.messaging.models import Message, Thread

USD_TO_EUR = 920_000  # 1 USD = 0.92 EUR, as in the contracts demo
AUD_TO_EUR = 610_000  # 1 AUD = 0.61 EUR


def load(context: DemoContext) -> None:
    organization, people = context.organization, context.people
    today = today_for(organization)
    now = timezone.now()
    job = Job.objects.create(
        organization=organization,
        budget=people["budget:Marketing"],
        title="Spring menu launch: photos and short reels",
        goal="Launch the spring menu online and in the shop window with photos and reels people want to share.",
        deliverables="25 edited product photos (2000 px, JPEG) and 3 vertical reels of 20–30 seconds with captions.",
        acceptance_criteria="Natural light, every spring item shown; reels approved by Alice before posting.",
        deadline_on=today + timedelta(days=28),
        skills="product photography, reels, food styling",
        rate_model="fixed",
        expected_min_cents=120_000,
        expected_max_cents=200_000,
        bids_due_at=now + timedelta(days=4),
        status=JobStatus.OPEN,
        share_nonce=secrets.token_hex(16),
        share_expires_at=now + timedelta(days=14),
        created_by=people["alice"],
        created_at=now - timedelta(days=8),
        opened_at=now - timedelta(days=8),
    )
    bids = [
        _bid(job, people["carol_engagement"], now - timedelta(days=6), "hourly", "EUR", None,
             dict(hourly_rate_cents=5500, estimated_minutes=30 * 60), start=today + timedelta(days=5),
             finish=today + timedelta(days=19),
             approach="Two morning shoots in the shop's window light; reels cut from the same sessions."),
        _bid(job, people["valentina_engagement"], now - timedelta(days=5), "retainer", "USD", USD_TO_EUR,
             dict(retainer_fee_cents=80_000, retainer_months=2), start=today + timedelta(days=3),
             finish=today + timedelta(days=24),
             approach="A month of reels around the launch, then a month of community posts with the photos."),
        _bid(job, people["brooks_engagement"], now - timedelta(days=4), "fixed", "AUD", AUD_TO_EUR,
             dict(fixed_total_cents=390_000), start=today + timedelta(days=10),
             finish=today + timedelta(days=33), revisions=[420_000],
             approach="Studio shoot with a food stylist; packaging shots for the new cake boxes included."),
        _bid(job, people["pixel_engagement"], now - timedelta(days=2), "fixed", "EUR", None,
             dict(fixed_total_cents=195_000), start=today + timedelta(days=7),
             finish=today + timedelta(days=26),
             approach="Photos from a partner photographer; our team edits the reels and a launch e-mail."),
    ]  # fmt: skip
    _questions(job, people, now)
    _vetting(organization, people, now)
    job_index(job)  # the similar-work index, as the services keep it
    context.loaded.append(f"an open job with {len(bids)} bids, interviews and references")


def _bid(job, engagement, at, rate_model, currency, rate, terms, *, start, finish, approach, revisions=()):
    """One bid (invitation and revisions included); `revisions` are earlier fixed totals."""
    JobInvitation.objects.create(
        organization=job.organization,
        job=job,
        contractor=engagement.contractor,
        engagement=engagement,
        invited_by=job.created_by,
        invited_at=job.created_at,
    )
    if rate_model == "hourly":
        total = terms["hourly_rate_cents"] * terms["estimated_minutes"] // 60
    elif rate_model == "retainer":
        total = terms["retainer_fee_cents"] * terms["retainer_months"]
    else:
        total = terms["fixed_total_cents"]
    bid = Bid.objects.create(
        organization=job.organization,
        job=job,
        contractor=engagement.contractor,
        engagement=engagement,
        rate_model=rate_model,
        currency=currency,
        exchange_rate_micros=rate,
        total_cents=total,
        total_budget_cents=convert_cents(
            total, from_currency=currency, to_currency=job.budget.currency, rate_micros=rate
        ),
        proposed_start_on=start,
        finishes_on=finish,
        approach=approach,
        revision=len(revisions) + 1,
        submitted_at=at,
        **terms,
    )
    for number, earlier in enumerate([*revisions, total], start=1):
        BidRevision.objects.create(
            organization=job.organization,
            bid=bid,
            number=number,
            terms={"rate_model": rate_model, "currency": currency, "total_cents": earlier},
            created_at=at + timedelta(hours=number - 1),
        )
    return bid


def _questions(job, people, now) -> None:
    """Q&A: Carol answers within hours, Valentina the next day."""
    thread = [
        ("carol", False, 6 * 24, "Could the reels include the sourdough being scored at dawn?"),
        ("carol", True, 6 * 24 - 3, "Yes: I would come at 5:30 for that one, no extra charge."),
        ("valentina", False, 5 * 24, "Do you post the reels yourself or hand them over?"),
        ("valentina", True, 4 * 24 - 2, "Either: I can schedule them in your account with captions."),
    ]
    for key, from_contractor, hours_ago, body in thread:
        contractor = people[f"{key}_engagement"].contractor
        at = now - timedelta(hours=hours_ago)
        thread_row, _ = Thread.objects.get_or_create(
            job=job, contractor=contractor, defaults={"organization": job.organization, "created_at": at}
        )
        Message.objects.create(
            organization=job.organization,
            job=job,
            contractor=contractor,
            thread=thread_row,
            author=people["bob"] if not from_contractor else people.get(key),
            from_contractor=from_contractor,
            body=body,
            created_at=at,
            deliver_at=at,
            read_at=now - timedelta(hours=hours_ago - 1),
        )
        Thread.objects.filter(pk=thread_row.pk).update(last_message_at=at)


def _vetting(organization, people, now) -> None:
    alice, bob = people["alice"], people["bob"]
    carol, valentina = people["carol_engagement"], people["valentina_engagement"]
    brooks, pixel = people["brooks_engagement"], people["pixel_engagement"]
    # Interviews: Carol and Valentina done and scored, the studio's next week, one cancelled.
    _interview(organization, carol, now - timedelta(days=80), InterviewStatus.DONE, [(alice, (5, 5, 4, 5))])
    _interview(
        organization, valentina, now - timedelta(days=3), InterviewStatus.DONE,
        [(alice, (4, 5, 3, 4)), (bob, (4, 4, 3, 5))],
    )  # fmt: skip
    _interview(organization, brooks, _at(now + timedelta(days=3), 9), InterviewStatus.SCHEDULED, [])
    _interview(organization, pixel, now - timedelta(days=6), InterviewStatus.CANCELLED, [])
    # References in several states.
    _reference(carol, "Marta Lopes", "Owner, Padaria Lopes", now - timedelta(days=85), (5, 5, 4, True))
    _reference(carol, "Tom Becker", "Marketing lead, Kaffeehaus Becker", now - timedelta(days=84), (4, 5, 5, True))
    _reference(valentina, "Lucía Gómez", "Founder, Dulce Lucía", now - timedelta(days=2), (4, 4, 5, True))
    _reference(valentina, "Ana Ferreyra", "Former agency colleague", now - timedelta(days=4), None)
    _reference(brooks, "Jack Moore", "Owner, Moore's Patisserie", now - timedelta(days=20), None, expired=True)
    _reference(brooks, "Priya Shah", "Buyer, Harvest Deli", now - timedelta(days=1), None)
    _reference(pixel, "Diego Ríos", "CEO, Tostado Coffee", now - timedelta(days=10), (3, 4, 3, False))
    # The studio's company checklist, half verified; the agency's registration.
    for item, status in (
        (CompanyCheckItem.REGISTRATION, CompanyCheckStatus.VERIFIED),
        (CompanyCheckItem.WEBSITE, CompanyCheckStatus.VERIFIED),
        (CompanyCheckItem.PORTFOLIO, CompanyCheckStatus.VERIFIED),
        (CompanyCheckItem.INSURANCE, CompanyCheckStatus.PENDING),
        (CompanyCheckItem.TAX, CompanyCheckStatus.PENDING),
    ):
        _check(brooks, item, status, bob, now - timedelta(days=2))
    _check(pixel, CompanyCheckItem.REGISTRATION, CompanyCheckStatus.VERIFIED, alice, now - timedelta(days=5))
    _check(pixel, CompanyCheckItem.INSURANCE, CompanyCheckStatus.FAILED, alice, now - timedelta(days=5))


def _at(moment: datetime, hour: int) -> datetime:
    return datetime.combine(moment.date(), time(hour), tzinfo=moment.tzinfo)


def _interview(organization, engagement, starts_at, status, scorecards):
    interview = Interview.objects.create(
        organization=organization,
        engagement=engagement,
        contractor=engagement.contractor,
        starts_at=starts_at,
        duration_minutes=45,
        location="https://meet.example/crumb-hiring",
        status=status,
        created_by=organization.memberships.get(role="owner").user,
        created_at=starts_at - timedelta(days=5),
    )
    interviewers = [user for user, _ in scorecards] or [interview.created_by]
    interview.interviewers.set(interviewers)
    for user, (communication, skill, reliability, understanding) in scorecards:
        Scorecard.objects.create(
            organization=organization,
            interview=interview,
            interviewer=user,
            communication=communication,
            skill=skill,
            reliability=reliability,
            understanding=understanding,
            notes="Clear about timing and what the shoot needs from us.",
            created_at=starts_at + timedelta(hours=1),
        )
    return interview


def _reference(engagement, name, relationship, requested_at, answers, *, expired=False):
    received = answers is not None
    status = ReferenceStatus.RECEIVED if received else ReferenceStatus.EXPIRED if expired else ReferenceStatus.REQUESTED
    reliability, quality, communication, hire = answers or (None, None, None, None)
    first = name.split()[0].lower()
    return ReferenceCheck.objects.create(
        organization=engagement.organization,
        engagement=engagement,
        contractor=engagement.contractor,
        referee_name=name,
        referee_email=f"{first}@referee.example",
        relationship=relationship,
        status=status,
        token_nonce="" if received or expired else secrets.token_hex(16),
        requested_at=requested_at,
        expires_at=requested_at + timedelta(days=14),
        reminded_at=requested_at + timedelta(days=4) if expired else None,
        received_at=requested_at + timedelta(days=1) if received else None,
        worked_together_months=18 if received else None,
        reliability=reliability,
        quality=quality,
        communication=communication,
        would_hire_again=hire,
        comments="Always on time for early shoots; easy to work with." if received else "",
    )


def _check(engagement, item, status, user, at):
    decided = status != CompanyCheckStatus.PENDING
    return CompanyCheck.objects.create(
        organization=engagement.organization,
        engagement=engagement,
        item=item,
        status=status,
        evidence_url=f"{engagement.contractor.website or 'https://example.com'}/{item}" if decided else "",
        note="" if status != CompanyCheckStatus.FAILED else "The certificate sent had expired in March.",
        verified_by=user if decided else None,
        verified_at=at if decided else None,
    )
