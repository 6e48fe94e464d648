from django.core.management.base import BaseCommand, CommandError

from outsourcer.accounts.models import Organization, User
from outsourcer.accounts.services import organization_close
from outsourcer.lib.errors import DomainError


class Command(BaseCommand):
    help = "Close an organization (read-only, members removed, open contracts ended); see docs/money.md."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--actor", required=True, help="e-mail of the person asking for it (audit log)")
        parser.add_argument("--reason", default="")

    def handle(self, *args, slug: str, actor: str, reason: str, **options):
        organization = Organization.objects.filter(slug=slug).first()
        user = User.objects.filter(email=actor.strip().lower()).first()
        if organization is None or user is None:
            raise CommandError("No such organization or actor.")
        try:
            organization_close(organization=organization, actor=user, reason=reason)
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"Closed {organization.name}; its ledger and history are kept.")
