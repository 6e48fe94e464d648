import sys
import types
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from outsourcer.accounts.models import Membership, Organization, User
from outsourcer.audit.models import Event
from outsourcer.contractors.models import Contractor, Engagement

pytestmark = pytest.mark.django_db


def _demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (User, Organization, Membership, Contractor, Engagement, Event))


def test_it_loads_the_bakery_and_its_contractors():
    output = _demo()
    crumb = Organization.objects.get(slug="crumb-co")
    assert (crumb.name, crumb.currency, crumb.time_zone) == ("Crumb & Co. Bakery", "EUR", "Europe/Berlin")
    assert dict(crumb.memberships.values_list("user__email", "role")) == {
        "alice@demo.outsourcer.test": "owner", "bob@demo.outsourcer.test": "manager",
        "vera@demo.outsourcer.test": "viewer",
    }  # fmt: skip
    engagements = crumb.engagements.select_related("contractor")
    assert engagements.count() == 10
    assert {e.status for e in engagements} == {"prospect", "vetting", "active", "paused", "ended"}
    assert len({e.contractor.time_zone for e in engagements}) >= 8
    assert 0 < sum(e.contractor.has_account for e in engagements) < 10
    assert Event.objects.filter(organization=crumb, action="engagement_status_changed").exists()
    assert mail.outbox == []  # the demo's invitations are not mailed to anyone
    assert "alice@demo.outsourcer.test" in output and "Outsource-demo-2026" in output


def test_carol_works_for_two_organizations_with_one_profile():
    _demo()
    carol = User.objects.get(email="carol@demo.outsourcer.test")
    assert carol.check_password("Outsource-demo-2026")
    contractor = Contractor.objects.get(user=carol)
    assert Contractor.objects.filter(email=carol.email).count() == 1
    names = set(contractor.engagements.values_list("organization__name", flat=True))
    assert names == {"Crumb & Co. Bakery", "Harbour Lane Florist"}
    assert not Membership.objects.filter(user=carol).exists()


def test_a_second_run_changes_nothing():
    _demo()
    before = _counts()
    output = _demo()
    assert _counts() == before
    assert "Demo data already loaded" in output
    assert "carol@demo.outsourcer.test" in output


def test_it_calls_the_domain_loaders_with_the_organization_and_people(monkeypatch):
    # contracts is the last domain with a demo: by then the lower domains have filled the context.
    calls = []
    loader = types.ModuleType("outsourcer.contracts.demo")
    loader.load = lambda context: calls.append((context.organization.slug, sorted(context.people)))
    monkeypatch.setitem(sys.modules, "outsourcer.contracts.demo", loader)
    _demo()
    [(slug, keys)] = calls
    assert slug == "crumb-co"
    assert {"alice", "bob", "vera", "carol", "carol_engagement", "jonas_engagement"} <= set(keys)


def test_a_failing_loader_leaves_nothing_behind(monkeypatch):
    loader = types.ModuleType("outsourcer.contracts.demo")

    def load(context):
        raise RuntimeError("contracts demo broke")

    loader.load = load
    monkeypatch.setitem(sys.modules, "outsourcer.contracts.demo", loader)
    with pytest.raises(RuntimeError):
        _demo()
    assert not User.objects.filter(email="alice@demo.outsourcer.test").exists()
