import csv
import io

import pytest
from django.urls import reverse

from outsourcer.audit.events import event_record

URL = reverse("audit:activity-export", args=["crumb"])

pytestmark = pytest.mark.django_db


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_it_downloads_the_filtered_events(login_as, personas):
    vera = personas.vera.memberships.get()
    event_record(
        action="member_role_changed", organization=personas.org, actor=personas.alice, obj=vera,
        before={"role": "viewer"}, after={"role": "manager"},
    )  # fmt: skip
    event_record(action="member_invited", organization=personas.org, actor=personas.bob)
    event_record(action="secret", organization=personas.other_org, actor=personas.oscar)

    response = login_as(personas.alice).get(URL, {"action": "member_role_changed"})

    rows = _rows(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="crumb-activity-')
    assert rows[0] == ["time", "who", "action", "what", "object", "object id", "before", "after", "reason"]
    assert len(rows) == 2
    assert rows[1][1:] == [
        "alice@crumb.example", "member_role_changed", "changed the role of Vera Viewer from viewer to manager.",
        f"Membership: {vera}", f"accounts.membership:{vera.pk}", '{"role": "viewer"}', '{"role": "manager"}', "",
    ]  # fmt: skip


def test_it_defuses_text_a_spreadsheet_would_run(login_as, personas):
    event_record(action="contract_override", organization=personas.org, actor=personas.alice, reason="=HYPERLINK(1)")

    rows = _rows(login_as(personas.alice).get(URL))

    assert rows[1][-1] == "'=HYPERLINK(1)"


def test_it_leaves_out_other_organizations(login_as, personas):
    event_record(action="secret", organization=personas.other_org, actor=personas.oscar)
    assert len(_rows(login_as(personas.alice).get(URL, {"since": ""}))) == 1


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_it_is_for_owners_only(login_as, personas, persona):
    assert login_as(getattr(personas, persona)).get(URL).status_code == 403


def test_it_hides_another_organization(login_as, personas):
    assert login_as(personas.oscar).get(URL).status_code == 404
