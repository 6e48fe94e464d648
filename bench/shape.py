"""The benchmark data set's fixed shape: scales, seed, organizations, names, rates, and the
small helpers every part of the generator uses."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

SCALES = {"small": 50_000, "full": 1_000_000}
SEED = 20_26_03
# Bump when the generated shape changes, so bench/run.py stops reusing old databases.
GENERATOR_VERSION = 3
BATCH_SIZE = 5_000
DEMO_SLUG = "crumb"
DEMO_OWNER_EMAIL = "alice@crumb.example"
# (slug, name, currency, budgets); the rows follow the budgets, so the demo org holds 20 %.
ORGANIZATIONS = [
    (DEMO_SLUG, "Crumb & Co.", "EUR", 40),
    ("oscars", "Oscar's Outfitters", "EUR", 44),
    ("harbour-dental", "Harbour Dental", "GBP", 36),
    ("lumen", "Lumen Architects", "EUR", 32),
    ("fieldnote", "Fieldnote Coffee", "USD", 28),
    ("northwind", "Northwind Books", "EUR", 20),
]
CONTRACTORS = 500
AREAS = [
    "Social media",
    "Bookkeeping",
    "Web development",
    "Design",
    "Copywriting",
    "Photography",
    "SEO",
    "Customer support",
    "Virtual assistance",
    "Video",
    "Translation",
    "Payroll",
    "IT support",
    "Recruiting",
    "Legal",
    "E-mail marketing",
    "Online ads",
    "Data entry",
    "Packaging design",
    "Events",
]
TEAMS = ["", "Shop", "Wholesale", "Online"]
FIRST = [
    "Ana",
    "Ben",
    "Chiara",
    "Dmitri",
    "Elif",
    "Farah",
    "Goran",
    "Hana",
    "Ivo",
    "Jonas",
    "Kemal",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Yara",
    "Zoltan",
]
LAST = [
    "Almeida",
    "Berg",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Horvat",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Rossi",
    "Santos",
    "Tanaka",
    "Weber",
]
SKILLS = ["photography", "python", "django", "bookkeeping", "seo", "copywriting", "design", "video", "support", "ads"]
ZONES = ["Europe/Lisbon", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Europe/Warsaw", "UTC"]
NOTES = ["", "", "Weekly sync", "Fixes after review", "Research", "Drafts", "Calls with supplier", "Report"]
EXPENSES = ["Stock photos", "Software licence", "Printing", "Courier", "Ad credit", "Domain renewal", "Travel"]
MINUTES = [30, 45, 60, 90, 120, 150, 180, 240, 300, 360, 420, 480]
FAR_FUTURE = date(9999, 12, 31)
# Other-currency contracts: budget units per contract unit × 1,000,000.
RATES = {("EUR", "USD"): 921_345, ("GBP", "EUR"): 1_166_000, ("USD", "EUR"): 1_085_370}


def say(message: str) -> None:
    print(f"[generate] {message}", flush=True)


def aware(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def pick_weighted(rng: random.Random, choices: list[tuple[str, float]]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


@dataclass
class Rows:
    """Everything to insert, as plain dicts keyed by model field attname."""

    organizations: list[dict] = field(default_factory=list)
    users: list[dict] = field(default_factory=list)
    memberships: list[dict] = field(default_factory=list)
    contractors: list[dict] = field(default_factory=list)
    engagements: list[dict] = field(default_factory=list)
    budgets: list[dict] = field(default_factory=list)
    contracts: list[dict] = field(default_factory=list)
    milestones: list[dict] = field(default_factory=list)
    time_entries: list[dict] = field(default_factory=list)
    spend_entries: list[dict] = field(default_factory=list)

    @property
    def ledger_and_time(self) -> int:
        return len(self.time_entries) + len(self.spend_entries)
