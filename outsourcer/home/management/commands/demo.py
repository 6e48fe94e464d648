"""`manage.py demo`: a realistic demo organization, loaded once, through the same services as the UI.

Each domain loads its own rows: every installed app's `demo.py` (`load(context)`, see
lib/demo_context.py), in INSTALLED_APPS order, inside one transaction. Then the logins are printed from
each loader's `LOGINS`.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse

from outsourcer.accounts.models import Organization, User
from outsourcer.lib.demo_context import PASSWORD, DemoContext, demo_email
from outsourcer.lib.hooks import app_modules

# The demo invites people through the real services; nobody should receive those e-mails.
NO_MAIL = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}


class Command(BaseCommand):
    help = "Load a demo organization with realistic contractors (safe to run again)."

    def handle(self, *args, **options):
        loaders = app_modules("demo")
        # Alice is the demo's first account (accounts/demo.py): once she exists, the demo is loaded.
        if User.objects.filter(email=demo_email("alice")).exists():
            self.stdout.write("Demo data already loaded.")
        else:
            context = DemoContext()
            with override_settings(MAILERS=NO_MAIL), transaction.atomic():
                for module in loaders:
                    module.load(context)
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {' and '.join(context.loaded)}."))
        self._print_logins([row for module in loaders for row in getattr(module, "LOGINS", ())])

    def _print_logins(self, rows: list[tuple[str, str, str]]) -> None:
        slug = (
            Organization.objects.filter(memberships__user__email=demo_email("alice"))
            .values_list("slug", flat=True)
            .first()
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
