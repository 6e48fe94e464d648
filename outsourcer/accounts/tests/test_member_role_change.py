import threading

import pytest
from django.db import connection

from outsourcer.accounts import services
from outsourcer.accounts.models import Membership
from outsourcer.accounts.services import members as member_services
from outsourcer.lib.errors import DomainError


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_owners_demoting_each_other_at_once_leave_one_owner(personas, is_postgres, monkeypatch):
    if not is_postgres:
        pytest.skip("SQLite serializes writers itself; the race needs PostgreSQL")
    Membership.objects.filter(user=personas.bob).update(role="owner")
    alice, bob = Membership.objects.get(user=personas.alice), Membership.objects.get(user=personas.bob)

    # Hold each transaction after it counted the owners, so that without a lock both would count two.
    barrier = threading.Barrier(2, timeout=2)
    count_owners = member_services._owner_count

    def count_then_wait(organization):
        count = count_owners(organization)
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass
        return count

    monkeypatch.setattr(member_services, "_owner_count", count_then_wait)
    outcomes: list[str] = []

    def demote(membership, actor):
        try:
            services.member_role_change(membership=membership, role="manager", actor=actor)
            outcomes.append("demoted")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=demote, args=(alice, personas.bob)),
        threading.Thread(target=demote, args=(bob, personas.alice)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["demoted", "last_owner"]
    assert Membership.objects.filter(organization=personas.org, role="owner").count() == 1
