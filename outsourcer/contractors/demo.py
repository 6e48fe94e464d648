"""Demo contractors: ten around the world work for Crumb & Co. Bakery; Carol also works for
Harbour Lane Florist (owner Hana), so her portal shows two clients (`manage.py demo`, see
lib/demo_context.py)."""

from dataclasses import dataclass, field

from outsourcer.accounts import services as account_services
from outsourcer.accounts.models import Organization, User
from outsourcer.contractors import services
from outsourcer.contractors.models import Engagement, EngagementStatus
from outsourcer.lib.demo_context import DOMAIN, PASSWORD, DemoContext, demo_email

# Legal paths through the engagement transition table to each final status.
_PATH = {
    EngagementStatus.PROSPECT: [],
    EngagementStatus.VETTING: [EngagementStatus.VETTING],
    EngagementStatus.ACTIVE: [EngagementStatus.VETTING, EngagementStatus.ACTIVE],
    EngagementStatus.PAUSED: [EngagementStatus.VETTING, EngagementStatus.ACTIVE, EngagementStatus.PAUSED],
    EngagementStatus.ENDED: [EngagementStatus.VETTING, EngagementStatus.ACTIVE, EngagementStatus.ENDED],
}

WEEKDAYS_9_TO_5 = {day: ["09:00", "17:00"] for day in ("mon", "tue", "wed", "thu", "fri")}


@dataclass
class DemoContractor:
    key: str
    name: str
    email: str
    skills: str
    time_zone: str
    capacity_hours: int  # total, across clients
    crumb_hours: int  # what they give Crumb & Co.
    rate_cents: int
    currency: str
    status: str
    has_account: bool = False
    kind: str = "person"
    company: str = ""
    website: str = ""
    notes: str = ""
    working_hours: dict = field(default_factory=lambda: dict(WEEKDAYS_9_TO_5))
    volume_tiers: list = field(default_factory=list)


def _days(days: str, start: str, end: str) -> dict[str, list[str]]:
    return {day: [start, end] for day in days.split()}


S = EngagementStatus
CONTRACTORS = [
    DemoContractor(
        "carol",
        "Carol Mendes",
        f"carol@{DOMAIN}",
        "product photography, food styling",
        "Europe/Lisbon",
        capacity_hours=30,
        crumb_hours=15,
        rate_cents=5500,
        currency="EUR",
        status=S.ACTIVE,
        has_account=True,
        company="Luz Studio",
        website="https://luz-studio.example",
        notes="Shot the autumn menu. Great with natural light; book two weeks ahead.",
        working_hours={**WEEKDAYS_9_TO_5, "fri": ["09:00", "13:00"]},
        volume_tiers=[{"min_hours": 20, "rate_cents": 5000}],
    ),
    DemoContractor(
        "marcus",
        "Marcus Reed",
        f"marcus@{DOMAIN}",
        "shopify development, liquid, checkout extensions",
        "America/New_York",
        capacity_hours=25,
        crumb_hours=10,
        rate_cents=9500,
        currency="USD",
        status=S.ACTIVE,
        has_account=True,
        company="Reed Commerce",
        notes="Built the gift-card flow. Invoices in USD.",
        working_hours=_days("mon tue wed thu", "10:00", "18:00"),
    ),
    DemoContractor(
        "joy",
        "Joy Santos",
        f"joy@{DOMAIN}",
        "virtual assistance, customer support, inbox management",
        "Asia/Manila",
        capacity_hours=40,
        crumb_hours=20,
        rate_cents=1200,
        currency="USD",
        status=S.ACTIVE,
        has_account=True,
        notes="Answers the shop inbox overnight.",
        working_hours=_days("mon tue wed thu fri sat", "08:00", "16:00"),
        volume_tiers=[{"min_hours": 30, "rate_cents": 1100}],
    ),
    DemoContractor(
        "jonas",
        "Jonas Weber",
        "jonas@weber-buchhaltung.example",
        "bookkeeping, vat returns, datev",
        "Europe/Berlin",
        capacity_hours=20,
        crumb_hours=4,
        rate_cents=4800,
        currency="EUR",
        status=S.ACTIVE,
        company="Weber Buchhaltung",
        notes="Monthly close by the 10th. Needs receipts by the 5th.",
        working_hours=_days("mon tue wed thu fri", "08:00", "12:00"),
    ),
    DemoContractor(
        "valentina",
        "Valentina Ruiz",
        "vale@ruiz-social.example",
        "social media, instagram, reels, community management",
        "America/Argentina/Buenos_Aires",
        capacity_hours=30,
        crumb_hours=8,
        rate_cents=2500,
        currency="USD",
        status=S.VETTING,
        notes="Trial week: three reels about the sourdough bake.",
        working_hours=_days("mon tue wed thu fri", "11:00", "19:00"),
    ),
    DemoContractor(
        "wanjiru",
        "Wanjiru Kamau",
        "wanjiru@kamau-words.example",
        "copywriting, newsletters, product descriptions",
        "Africa/Nairobi",
        capacity_hours=25,
        crumb_hours=6,
        rate_cents=3500,
        currency="EUR",
        status=S.PAUSED,
        notes="Paused over the summer; the newsletter resumes in September.",
    ),
    DemoContractor(
        "priya",
        "Priya Nair",
        "priya@nair.dev.example",
        "shopify development, seo, page speed",
        "Asia/Kolkata",
        capacity_hours=35,
        crumb_hours=0,
        rate_cents=250000,
        currency="INR",
        status=S.PROSPECT,
        website="https://nair.dev.example",
        working_hours=_days("mon tue wed thu fri", "10:00", "18:30"),
    ),
    DemoContractor(
        "brooks",
        "Brooks & Fold Studio",
        "studio@brooksfold.example",
        "packaging design, print production, illustration",
        "Australia/Sydney",
        capacity_hours=40,
        crumb_hours=0,
        rate_cents=11000,
        currency="AUD",
        status=S.PROSPECT,
        kind="company",
        company="Brooks & Fold Pty Ltd",
        website="https://brooksfold.example",
        notes="Quote requested for the new cake boxes.",
    ),
    DemoContractor(
        "sofia",
        "Sofia Lindqvist",
        "sofia@lindqvist.example",
        "illustration, packaging design",
        "Europe/Stockholm",
        capacity_hours=20,
        crumb_hours=5,
        rate_cents=6000,
        currency="EUR",
        status=S.ENDED,
        notes="Finished the Christmas tin artwork; ended on good terms.",
    ),
    DemoContractor(
        "pixel",
        "Pixel Oven Agency",
        "hello@pixeloven.example",
        "email marketing, web design, klaviyo",
        "America/Mexico_City",
        capacity_hours=40,
        crumb_hours=10,
        rate_cents=7000,
        currency="USD",
        status=S.VETTING,
        kind="company",
        company="Pixel Oven S.A.",
        website="https://pixeloven.example",
    ),
]

LOGINS = [
    ("Carol Mendes (contractor)", demo_email("carol"), "Portal: Crumb & Co. Bakery and Harbour Lane Florist"),
    ("Marcus Reed (contractor)", demo_email("marcus"), "Portal: Crumb & Co. Bakery"),
    ("Joy Santos (contractor)", demo_email("joy"), "Portal: Crumb & Co. Bakery"),
    ("Hana Okoro (owner)", demo_email("hana"), "Harbour Lane Florist"),
]


def load(context: DemoContext) -> None:
    people = context.people
    for index, demo in enumerate(CONTRACTORS):
        actor = people["alice"] if index % 2 == 0 else people["bob"]
        engagement = _add_contractor(context.organization, actor, demo)
        people[f"{demo.key}_engagement"] = engagement
        if demo.has_account:
            people[demo.key] = engagement.contractor.user
    _second_client(people)
    context.loaded.append(f"{len(CONTRACTORS)} contractors")


def _add_contractor(organization: Organization, actor: User, demo: DemoContractor) -> Engagement:
    profile = {
        "kind": demo.kind,
        "name": demo.name,
        "email": demo.email,
        "company": demo.company,
        "website": demo.website,
        "skills": demo.skills,
        "time_zone": demo.time_zone,
        "working_hours": demo.working_hours,
        "weekly_capacity_minutes": demo.capacity_hours * 60,
        "default_rate_cents": demo.rate_cents,
        "currency": demo.currency,
        "volume_tiers": demo.volume_tiers,
    }
    engagement = services.contractor_create(
        organization=organization,
        actor=actor,
        profile=profile,
        notes=demo.notes,
        engagement_capacity_minutes=demo.crumb_hours * 60,
    )
    for status in _PATH[demo.status]:
        engagement = services.engagement_status_change(engagement=engagement, actor=actor, status=status)
    if demo.has_account:
        invitation = services.contractor_invite(engagement=engagement, actor=actor)
        services.contractor_invitation_accept(invitation=invitation, password=PASSWORD, name=demo.name)
        engagement.refresh_from_db()
    return engagement


def _second_client(people: dict) -> None:
    """Harbour Lane Florist engages Carol too: its invitation links her existing account."""
    hana = account_services.user_create(
        email=demo_email("hana"), password=PASSWORD, name="Hana Okoro", time_zone="Europe/London"
    )
    florist = account_services.organization_create(
        owner=hana, name="Harbour Lane Florist", currency="GBP", time_zone="Europe/London"
    )
    engagement = services.contractor_create(
        organization=florist,
        actor=hana,
        status=EngagementStatus.ACTIVE,
        engagement_capacity_minutes=8 * 60,
        profile={
            "name": "Carol Mendes",
            "email": demo_email("carol"),
            "time_zone": "Europe/Lisbon",
            "skills": "product photography",
            "currency": "GBP",
        },
        notes="Spring bouquet shoot; wants to do the Mother's Day range too.",
    )
    invitation = services.contractor_invite(engagement=engagement, actor=hana)
    services.contractor_invitation_accept(invitation=invitation, user=people["carol"])
    people["hana"] = hana
    people["florist"] = florist
