"""Sign in the users a load run needs, with the code of the tree it runs in (the current one or the
previous main's): `cd TREE && python .../bench/loadtest_login.py ORG OWNER_EMAIL tokens|sessions`.
Prints one JSON line. Run with the same environment (SECRET_KEY, database) as that tree's server.

It imports only Django and the app, never `bench.*`, because the tree may be an older one.
Sessions come from `Client.force_login` (whatever session engine the tree uses; the bench users
have unusable passwords); tokens from the tree's own `api_token_create`.
"""

import json
import os
import sys
from datetime import timedelta


def main() -> None:
    sys.path.insert(0, os.getcwd())
    org_slug, owner_email, what = sys.argv[1:4]
    import django

    django.setup()
    from django.conf import settings
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from outsourcer.accounts.models import Organization, User
    from outsourcer.budgets.models import Budget
    from outsourcer.contracts.models import Contract

    def session_cookie(user) -> str:
        client = Client()
        client.force_login(user)
        return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    organization = Organization.objects.get(slug=org_slug)
    owner = User.objects.get(email=owner_email)
    out = {"org": org_slug, "owner_cookie": session_cookie(owner)}
    if what == "tokens":
        from outsourcer.accounts.services import api_token_create

        yesterday = timezone.now().date() - timedelta(days=1)
        # The budget with the most ledger rows, and a contractor who can log time today.
        budget = (
            Budget.objects.filter(organization=organization)
            .annotate(rows=Count("spend_entries"))
            .order_by("-rows", "pk")
            .first()
        )
        contract = (
            Contract.objects.filter(
                organization=organization,
                status="active",
                rate_model="hourly",
                contractor__user__isnull=False,
                starts_on__lte=yesterday,
            )
            .exclude(ends_on__lt=yesterday)
            .annotate(entries=Count("time_entries"))
            .order_by("-entries", "pk")
            .select_related("contractor__user")
            .first()
        )
        if contract is None:
            raise SystemExit("no active hourly contract with a signed-up contractor in the organization")
        contractor_user = contract.contractor.user
        out |= {
            "budget_id": budget.pk,
            "contract_id": contract.pk,
            "worked_on": yesterday.isoformat(),
            "contractor_cookie": session_cookie(contractor_user),
            "org_token": api_token_create(user=owner, name="load test", organization=organization)[1],
            "portal_token": api_token_create(user=contractor_user, name="load test")[1],
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
