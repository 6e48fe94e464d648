"""The task pages' data sets (bench/tasks.py): the demo organization grown to 20 contractors and
N tasks (2,000 and 20,000), one PostgreSQL database per N. Run by bench/tasks.py in a process whose
DATABASE_URL names that database:

    python -m bench.tasks_data generate N    # unless its marker matches: migrate, demo, tasks
    python -m bench.tasks_data login         # JSON: cookies, tokens, ids, queries per request

The demo (`manage.py demo`, through the services) gives the organization its people, budgets,
contracts, a thread, check-ins and a held message; ten more contractors join it, each of the 20
engagements gets a "Bench tasks" hourly contract, and the tasks are inserted in creation order
at a fixed pace (TASKS_PER_DAY: 20,000 are two years, 2,000 ten weeks) with a fixed seed: briefs
from a phrase list, statuses by age (old work done or cancelled, the last six weeks' mostly open),
deadlines 2–30 days after creation, a third with 1–3 milestones. VACUUM ANALYZE afterwards, as bench/generate.py does.
"""

import json
import os
import random
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 12
VERSION = 2
CONTRACTORS = 20
CONTRACT_TITLE = "Bench tasks"
GOALS = [
    "More bookings from the {thing}: guests should find it before they book.",
    "Fewer support e-mails about the {thing}; answers should be on the site.",
    "A {thing} that the team can reuse every season without a designer.",
    "Customers see the {thing} in the newsletter and order it the same week.",
]
THINGS = [
    "spring menu page",
    "catering offer",
    "gift card",
    "sourdough course",
    "wedding cake catalogue",
    "loyalty card",
    "opening hours page",
    "delivery area map",
]
DELIVERABLES = [
    "Twelve photos, one per dish, on a plain light background.",
    "A one-page text of about 300 words, with two headings.",
    "Three layout variants as Figma frames, desktop and mobile.",
    "A spreadsheet of every supplier with contact, terms and last order.",
    "Ten social posts with captions and alt text.",
]
FORMATS = ["JPEG, 2000 px wide", "Google Doc", "Figma link", "XLSX", "Markdown"]
CRITERIA = [
    "Approved by Alice",
    "Every item on the list is covered",
    "Sharp at 100 % zoom",
    "No spelling mistakes",
    "Opens on a phone without zooming",
    "Prices match the till",
]
# (status, weight) for tasks created in the last 6 weeks, and for older ones.
RECENT = [
    ("draft", 8),
    ("sent", 12),
    ("question", 4),
    ("accepted", 10),
    ("declined", 3),
    ("in_progress", 30),
    ("submitted", 10),
    ("done", 20),
    ("cancelled", 3),
]
OLD = [("done", 88), ("cancelled", 9), ("declined", 2), ("in_progress", 1)]
# The team's pace: 20 contractors take on about 27 tasks a day between them, so 20,000 tasks are two
# years of history and 2,000 about ten weeks; the open work of the last six weeks is alike in both
# (a list's first page holds as many rows at either size, as in a live organization).
TASKS_PER_DAY = 27.4


def say(message: str) -> None:
    print(f"[bench:tasks] {message}", flush=True)


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def read_marker() -> dict | None:
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM bench_marker WHERE key = 'tasks'")
            row = cursor.fetchone()
    except Exception:  # no table yet: generate
        return None
    return json.loads(row[0]) if row else None


def generate(tasks: int) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    marker = read_marker()
    month = timezone.now().date().isoformat()[:7]
    if marker == {"version": VERSION, "seed": SEED, "tasks": tasks, "month": month}:
        say(f"{tasks:,} tasks: reusing the data set (marker matches)")
        call_command("migrate", verbosity=0, interactive=False)
        return
    if marker is not None:
        raise SystemExit("the database holds another data set: bench/tasks.py drops and recreates it")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 - closed with the process
    contracts = _contracts()
    inserted = _tasks(contracts, tasks)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_marker (key varchar(20) PRIMARY KEY, value text NOT NULL)")
        value = {"version": VERSION, "seed": SEED, "tasks": tasks, "month": month}
        cursor.execute("INSERT INTO bench_marker VALUES ('tasks', %s)", [json.dumps(value)])
    connection.close()
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    say(f"{tasks:,} tasks: generated ({inserted:,} inserted beside the demo's)")


def _contracts() -> list:
    """One active hourly "Bench tasks" contract per engagement, 20 engagements in all."""
    from django.utils import timezone

    from outsourcer.accounts.models import Organization, User
    from outsourcer.budgets.models import Budget
    from outsourcer.contractors.models import Contractor, Engagement
    from outsourcer.contracts.models import Contract
    from outsourcer.lib.demo_context import SLUG, demo_email

    organization = Organization.objects.get(slug=SLUG)
    owner = User.objects.get(email=demo_email("alice"))
    now = timezone.now()
    engagements = list(Engagement.objects.filter(organization=organization).select_related("contractor"))
    for i in range(len(engagements) + 1, CONTRACTORS + 1):
        contractor = Contractor.objects.create(
            created_by_organization=organization,
            name=f"Bench Contractor {i}",
            email=f"contractor{i}@tasks.bench.example",
            skills="design, writing",
            time_zone=["Europe/Lisbon", "America/New_York", "Asia/Manila", "Europe/Berlin"][i % 4],
            weekly_capacity_minutes=2400,
            default_rate_cents=5000,
        )
        engagements.append(
            Engagement.objects.create(
                organization=organization, contractor=contractor, status="active", weekly_capacity_minutes=1200
            )
        )
    budget = Budget.objects.filter(organization=organization).order_by("pk").first()
    start = now.date() - timedelta(days=800)
    return [
        Contract.objects.create(
            organization=organization,
            budget=budget,
            contractor=engagement.contractor,
            engagement=engagement,
            title=CONTRACT_TITLE,
            rate_model="hourly",
            status="active",
            currency=budget.currency,
            starts_on=start,
            hourly_rate_cents=5000,
            hourly_rate_budget_cents=5000,
            weekly_cap_minutes=1200,
            created_by=owner,
            activated_at=now - timedelta(days=800),
        )
        for engagement in engagements[:CONTRACTORS]
    ]


def _tasks(contracts: list, total: int) -> int:
    from outsourcer.work.models import Task, TaskMilestone

    organization = contracts[0].organization
    owner = contracts[0].created_by
    rng = random.Random(SEED)
    from django.utils import timezone

    now = timezone.now()
    wanted = total - Task.objects.filter(organization=organization).count()
    span = timedelta(days=wanted / TASKS_PER_DAY)
    rows, milestones = [], []
    for i in range(wanted):
        created = now - span + span * (i / wanted)  # creation order, oldest first
        recent = now - created < timedelta(days=42)
        status = rng.choices(*zip(*(RECENT if recent else OLD), strict=True))[0]
        contract = rng.choice(contracts)
        thing = rng.choice(THINGS)
        deadline = created + timedelta(days=rng.randint(2, 30), hours=rng.randint(0, 8))
        sent = created + timedelta(hours=rng.randint(1, 20)) if status not in ("draft", "cancelled") else None
        accepted = sent + timedelta(hours=5) if status in ("accepted", "in_progress", "submitted", "done") else None
        task = Task(
            organization=organization,
            contract=contract,
            contractor_id=contract.contractor_id,
            engagement_id=contract.engagement_id,
            title=f"{thing.capitalize()}: {rng.choice(['photos', 'copy', 'layout', 'update', 'review'])} #{i + 1}",
            goal=rng.choice(GOALS).format(thing=thing),
            context="We are a small bakery café in Berlin; the menu changes with the season.",
            deliverables=rng.choice(DELIVERABLES),
            deliverable_format=rng.choice(FORMATS),
            acceptance_criteria=rng.sample(CRITERIA, rng.randint(1, 3)),
            references="https://crumb.example/menu",
            deadline_at=deadline,
            estimate_minutes=rng.choice([60, 120, 240, 480, 960]),
            priority=rng.choice(["low", "normal", "normal", "high"]),
            point_of_contact=owner,
            status=status,
            decline_reason="Fully booked that week." if status == "declined" else "",
            question="Which photos are for the print menu?" if status == "question" else "",
            sent_at=sent,
            accepted_at=accepted,
            submitted_at=deadline - timedelta(hours=3) if status in ("submitted", "done") else None,
            done_at=deadline if status == "done" else None,
            created_by=owner,
            created_at=created,
        )
        rows.append(task)
        if rng.random() < 0.33:
            for n in range(rng.randint(1, 3)):
                due = (created + timedelta(days=2 + 4 * n)).date()
                milestones.append((task, f"Step {n + 1}", due, rng.choice([None, 20_000, 45_000])))
    Task.objects.bulk_create(rows, batch_size=2000)
    TaskMilestone.objects.bulk_create(
        [
            TaskMilestone(organization=organization, task=task, title=title, due_on=due, amount_cents=amount)
            for task, title, due, amount in milestones
        ],
        batch_size=2000,
    )
    return len(rows)


def login() -> dict:
    """Sessions (the owner Alice, the contractor Carol), tokens, the ids the requests need, and each
    request's query count through the test client (run with the server's environment)."""
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from outsourcer.accounts.models import Organization, User
    from outsourcer.accounts.services import api_token_create
    from outsourcer.contracts.models import Contract
    from outsourcer.lib.demo_context import SLUG, demo_email
    from outsourcer.work.models import Task

    organization = Organization.objects.get(slug=SLUG)
    owner = User.objects.get(email=demo_email("alice"))
    carol = User.objects.get(email=demo_email("carol"))

    def cookie(user) -> str:
        client = Client()
        client.force_login(user)
        return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    # The task with the longest thread (the demo's shoot: messages, a held one, check-ins), else the newest.
    task = Task.objects.filter(organization=organization).annotate(n=Count("thread__messages")).order_by("-n", "-id")[0]
    contract = Contract.objects.get(organization=organization, title=CONTRACT_TITLE, contractor__user=carol)
    out = {
        "org": SLUG,
        "owner_cookie": cookie(owner),
        "contractor_cookie": cookie(carol),
        "org_token": api_token_create(user=owner, name="bench tasks", organization=organization)[1],
        "portal_token": api_token_create(user=carol, name="bench tasks")[1],
        "task_id": task.pk,
        "contract_id": contract.pk,
        "tasks": Task.objects.count(),
        "carol_tasks": Task.objects.filter(contractor__user=carol).count(),
    }
    from bench.tasks import requests_for

    counts = {}
    for name, (method, path, headers, body, status) in requests_for(out).items():
        client = Client(HTTP_HOST="127.0.0.1", headers={"X-Forwarded-Proto": "https"})
        extra = {"headers": {k: v for k, v in headers.items() if k != "Cookie"}}
        if "Cookie" in headers:
            key, value = headers["Cookie"].split("=", 1)
            client.cookies[key] = value
        for _ in range(2):  # the first use of a token stamps it (once a minute): the second is counted
            with CaptureQueriesContext(connection) as captured:
                if method == "GET":
                    response = client.get(path, **extra)
                else:
                    response = client.post(path, data=body, content_type="application/json", **extra)
        if response.status_code != status:
            raise SystemExit(f"{name}: {method} {path} answered {response.status_code}, not {status}")
        counts[name] = len(captured.captured_queries)
    out["queries"] = counts
    return out


if __name__ == "__main__":
    setup()
    if sys.argv[1] == "generate":
        generate(int(sys.argv[2]))
    else:
        print(json.dumps(login()))
