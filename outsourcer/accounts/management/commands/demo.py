"""`manage.py demo`: a realistic demo organization, loaded once, through the same services as the UI.

Crumb & Co. Bakery (owner Alice, manager Bob, viewer Vera) works with ten contractors around the
world; Carol also works for Harbour Lane Florist, so her portal shows two clients. After its own
data the command calls each domain's optional loader, `<module>.load(organization=, people=)`.
"""

import importlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse

from outsourcer.accounts import services as account_services
from outsourcer.accounts.models import Organization, User
from outsourcer.accounts.roles import Role
from outsourcer.contractors import services as contractor_services
from outsourcer.contractors.models import Engagement, EngagementStatus

# The documented demo login (README, `make run`), never a real account's password.
PASSWORD = "Outsource-demo-2026"  # noqa: S105
DOMAIN = "demo.outsourcer.test"
SLUG = "crumb-co"
# Optional per-domain loaders, called in this order after the contractors exist.
LOADERS = ["outsourcer.budgets.demo"]

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
        "carol", "Carol Mendes", f"carol@{DOMAIN}", "product photography, food styling", "Europe/Lisbon",
        capacity_hours=30, crumb_hours=15, rate_cents=5500, currency="EUR", status=S.ACTIVE, has_account=True,
        company="Luz Studio", website="https://luz-studio.example",
        notes="Shot the autumn menu. Great with natural light; book two weeks ahead.",
        working_hours={**WEEKDAYS_9_TO_5, "fri": ["09:00", "13:00"]},
        volume_tiers=[{"min_hours": 20, "rate_cents": 5000}],
    ),
    DemoContractor(
        "marcus", "Marcus Reed", f"marcus@{DOMAIN}", "shopify development, liquid, checkout extensions",
        "America/New_York", capacity_hours=25, crumb_hours=10, rate_cents=9500, currency="USD", status=S.ACTIVE,
        has_account=True, company="Reed Commerce", notes="Built the gift-card flow. Invoices in USD.",
        working_hours=_days("mon tue wed thu", "10:00", "18:00"),
    ),
    DemoContractor(
        "joy", "Joy Santos", f"joy@{DOMAIN}", "virtual assistance, customer support, inbox management", "Asia/Manila",
        capacity_hours=40, crumb_hours=20, rate_cents=1200, currency="USD", status=S.ACTIVE, has_account=True,
        notes="Answers the shop inbox overnight.", working_hours=_days("mon tue wed thu fri sat", "08:00", "16:00"),
        volume_tiers=[{"min_hours": 30, "rate_cents": 1100}],
    ),
    DemoContractor(
        "jonas", "Jonas Weber", "jonas@weber-buchhaltung.example", "bookkeeping, vat returns, datev", "Europe/Berlin",
        capacity_hours=20, crumb_hours=4, rate_cents=4800, currency="EUR", status=S.ACTIVE,
        company="Weber Buchhaltung", notes="Monthly close by the 10th. Needs receipts by the 5th.",
        working_hours=_days("mon tue wed thu fri", "08:00", "12:00"),
    ),
    DemoContractor(
        "valentina", "Valentina Ruiz", "vale@ruiz-social.example",
        "social media, instagram, reels, community management", "America/Argentina/Buenos_Aires",
        capacity_hours=30, crumb_hours=8, rate_cents=2500, currency="USD", status=S.VETTING,
        notes="Trial week: three reels about the sourdough bake.",
        working_hours=_days("mon tue wed thu fri", "11:00", "19:00"),
    ),
    DemoContractor(
        "wanjiru", "Wanjiru Kamau", "wanjiru@kamau-words.example", "copywriting, newsletters, product descriptions",
        "Africa/Nairobi", capacity_hours=25, crumb_hours=6, rate_cents=3500, currency="EUR", status=S.PAUSED,
        notes="Paused over the summer; the newsletter resumes in September.",
    ),
    DemoContractor(
        "priya", "Priya Nair", "priya@nair.dev.example", "shopify development, seo, page speed", "Asia/Kolkata",
        capacity_hours=35, crumb_hours=0, rate_cents=250000, currency="INR", status=S.PROSPECT,
        website="https://nair.dev.example", working_hours=_days("mon tue wed thu fri", "10:00", "18:30"),
    ),
    DemoContractor(
        "brooks", "Brooks & Fold Studio", "studio@brooksfold.example",
        "packaging design, print production, illustration", "Australia/Sydney",
        capacity_hours=40, crumb_hours=0, rate_cents=11000, currency="AUD", status=S.PROSPECT, kind="company",
        company="Brooks & Fold Pty Ltd", website="https://brooksfold.example",
        notes="Quote requested for the new cake boxes.",
    ),
    DemoContractor(
        "sofia", "Sofia Lindqvist", "sofia@lindqvist.example", "illustration, packaging design", "Europe/Stockholm",
        capacity_hours=20, crumb_hours=5, rate_cents=6000, currency="EUR", status=S.ENDED,
        notes="Finished the Christmas tin artwork; ended on good terms.",
    ),
    DemoContractor(
        "pixel", "Pixel Oven Agency", "hello@pixeloven.example", "email marketing, web design, klaviyo",
        "America/Mexico_City", capacity_hours=40, crumb_hours=10, rate_cents=7000, currency="USD", status=S.VETTING,
        kind="company", company="Pixel Oven S.A.", website="https://pixeloven.example",
    ),
]  # fmt: skip

MEMBERS = [
    ("alice", "Alice Baker", Role.OWNER, "Crumb & Co. Bakery: everything"),
    ("bob", "Bob Fischer", Role.MANAGER, "Crumb & Co. Bakery: contractors, hiring, work"),
    ("vera", "Vera Klein", Role.VIEWER, "Crumb & Co. Bakery: read only (bookkeeper)"),
]


def _email(key: str) -> str:
    return f"{key}@{DOMAIN}"


class Command(BaseCommand):
    help = "Load a demo organization with realistic contractors (safe to run again)."

    def handle(self, *args, **options):
        if User.objects.filter(email=_email("alice")).exists():
            self.stdout.write("Demo data already loaded.")
        else:
            # The demo invites people through the real services; nobody should receive those e-mails.
            with override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}):
                with transaction.atomic():
                    organization, people = self._load()
                    self._run_loaders(organization, people)
            self.stdout.write(
                self.style.SUCCESS(f"Demo data loaded: {organization.name} and {len(CONTRACTORS)} contractors.")
            )
        self._print_logins()

    def _load(self) -> tuple[Organization, dict]:
        people: dict = {}
        for key, name, _, _ in MEMBERS:
            people[key] = account_services.user_create(
                email=_email(key), password=PASSWORD, name=name, time_zone="Europe/Berlin"
            )
        alice = people["alice"]
        organization = account_services.organization_create(
            owner=alice, name="Crumb & Co. Bakery", currency="EUR", time_zone="Europe/Berlin"
        )
        # There is no service to choose a slug; the demo's short, documented URL is worth a direct update.
        if not Organization.objects.filter(slug=SLUG).exists():
            Organization.objects.filter(pk=organization.pk).update(slug=SLUG)
            organization.slug = SLUG
        for key, _, role, _ in MEMBERS[1:]:
            invitation = account_services.member_invite(
                organization=organization, invited_by=alice, email=_email(key), role=role
            )
            account_services.member_invitation_accept(invitation=invitation, user=people[key])

        for index, demo in enumerate(CONTRACTORS):
            actor = alice if index % 2 == 0 else people["bob"]
            engagement = self._add_contractor(organization, actor, demo)
            people[f"{demo.key}_engagement"] = engagement
            if demo.has_account:
                people[demo.key] = engagement.contractor.user

        self._second_client(people)
        return organization, people

    def _add_contractor(self, organization: Organization, actor: User, demo: DemoContractor) -> Engagement:
        profile = {
            "kind": demo.kind, "name": demo.name, "email": demo.email, "company": demo.company,
            "website": demo.website, "skills": demo.skills, "time_zone": demo.time_zone,
            "working_hours": demo.working_hours, "weekly_capacity_minutes": demo.capacity_hours * 60,
            "default_rate_cents": demo.rate_cents, "currency": demo.currency, "volume_tiers": demo.volume_tiers,
        }  # fmt: skip
        engagement = contractor_services.contractor_create(
            organization=organization, actor=actor, profile=profile, notes=demo.notes,
            engagement_capacity_minutes=demo.crumb_hours * 60,
        )  # fmt: skip
        for status in _PATH[demo.status]:
            engagement = contractor_services.engagement_status_change(engagement=engagement, actor=actor, status=status)
        if demo.has_account:
            invitation = contractor_services.contractor_invite(engagement=engagement, actor=actor)
            contractor_services.contractor_invitation_accept(invitation=invitation, password=PASSWORD, name=demo.name)
            engagement.refresh_from_db()
        return engagement

    def _second_client(self, people: dict) -> None:
        """Harbour Lane Florist engages Carol too: its invitation links her existing account."""
        hana = account_services.user_create(
            email=_email("hana"), password=PASSWORD, name="Hana Okoro", time_zone="Europe/London"
        )
        florist = account_services.organization_create(
            owner=hana, name="Harbour Lane Florist", currency="GBP", time_zone="Europe/London"
        )
        engagement = contractor_services.contractor_create(
            organization=florist, actor=hana, status=EngagementStatus.ACTIVE, engagement_capacity_minutes=8 * 60,
            profile={"name": "Carol Mendes", "email": _email("carol"), "time_zone": "Europe/Lisbon",
                     "skills": "product photography", "currency": "GBP"},
            notes="Spring bouquet shoot; wants to do the Mother's Day range too.",
        )  # fmt: skip
        invitation = contractor_services.contractor_invite(engagement=engagement, actor=hana)
        contractor_services.contractor_invitation_accept(invitation=invitation, user=people["carol"])
        people["hana"] = hana
        people["florist"] = florist

    def _run_loaders(self, organization: Organization, people: dict) -> None:
        for module_name in LOADERS:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                # Only "this domain has no demo yet" is fine; a broken import inside it is not.
                if exc.name != module_name:
                    raise
                continue
            module.load(organization=organization, people=people)

    def _print_logins(self) -> None:
        rows = [(f"{name} ({role})", _email(key), sees) for key, name, role, sees in MEMBERS]
        rows += [
            ("Carol Mendes (contractor)", _email("carol"), "Portal: Crumb & Co. Bakery and Harbour Lane Florist"),
            ("Marcus Reed (contractor)", _email("marcus"), "Portal: Crumb & Co. Bakery"),
            ("Joy Santos (contractor)", _email("joy"), "Portal: Crumb & Co. Bakery"),
            ("Hana Okoro (owner)", _email("hana"), "Harbour Lane Florist"),
        ]
        slug = (
            Organization.objects.filter(memberships__user__email=_email("alice")).values_list("slug", flat=True).first()
        )
        widths = [max(len(row[i]) for row in [*rows, ("Who", "E-mail", "Sees")]) for i in range(3)]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        self.stdout.write("")
        self.stdout.write(f"Log in at {settings.SITE_URL}{reverse('accounts:login')} with password {PASSWORD}")
        if slug:
            self.stdout.write(f"The demo organization: {settings.SITE_URL}{reverse('orgs:home', args=[slug])}")
        self.stdout.write("")
        self.stdout.write(line.format("Who", "E-mail", "Sees").rstrip())
        self.stdout.write(line.format(*("-" * w for w in widths)).rstrip())
        for row in rows:
            self.stdout.write(line.format(*row).rstrip())
