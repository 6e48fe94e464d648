"""What the per-domain demo loaders share (`manage.py demo`, docs/architecture.md).

Each installed app may have a `demo.py` with `load(context: DemoContext)`, which adds that
domain's rows through its services, and `LOGINS`, rows for the printed login table. The command
calls the loaders in INSTALLED_APPS order inside one transaction, so a loader builds on what the
lower domains added before it (accounts → contractors → budgets → contracts)."""

from dataclasses import dataclass, field
from typing import Any

# The documented demo login (README, `make run`), never a real account's password.
PASSWORD = "Outsource-demo-2026"  # noqa: S105
DOMAIN = "demo.outsourcer.test"
SLUG = "crumb-co"


def demo_email(key: str) -> str:
    return f"{key}@{DOMAIN}"


@dataclass
class DemoContext:
    # The demo organization (Crumb & Co. Bakery), once accounts has created it.
    organization: Any = None
    # Named people and rows later loaders build on: "alice", "carol", "carol_engagement", "florist", …
    people: dict[str, Any] = field(default_factory=dict)
    # Phrases for the summary line, "Demo data loaded: <a> and <b>."
    loaded: list[str] = field(default_factory=list)
