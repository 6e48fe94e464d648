import pytest

from outsourcer.audit.models import Event
from outsourcer.hiring.models import VettingPolicy
from outsourcer.hiring.services import vetting_policy_update
from outsourcer.hiring.vetting import vetting_result
from outsourcer.lib.errors import FieldErrors
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db


def test_it_saves_the_policy_and_records_what_changed(personas):
    policy = vetting_policy_update(
        organization=personas.org, actor=personas.alice, min_interviews=0, min_references=1, require_company_checks=True
    )
    assert (policy.min_interviews, policy.min_references, policy.require_company_checks) == (0, 1, True)
    event = Event.objects.get(action="vetting_policy_updated")
    assert event.before == {"min_interviews": 1, "min_references": 2, "require_company_checks": False}
    assert event.after == {"min_interviews": 0, "min_references": 1, "require_company_checks": True}
    result = vetting_result(organization=personas.org, engagement_id=personas.carol_engagement.pk)
    assert result.missing == ["1 reference received", "5 company checks verified"]


def test_it_updates_the_one_row_of_the_organization(personas):
    for references in (3, 4):
        vetting_policy_update(
            organization=personas.org,
            actor=personas.alice,
            min_interviews=1,
            min_references=references,
            require_company_checks=False,
        )
    assert VettingPolicy.objects.get().min_references == 4
    assert Event.objects.filter(action="vetting_policy_updated").order_by("pk").last().before["min_references"] == 3


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ((-1, 11, False), {"min_interviews", "min_references"}),
        (("2", True, "yes"), {"min_interviews", "min_references", "require_company_checks"}),
    ],
)
def test_it_refuses_what_is_not_a_policy(personas, values, fields):
    names = ("min_interviews", "min_references", "require_company_checks")
    with pytest.raises(FieldErrors) as caught:
        vetting_policy_update(organization=personas.org, actor=personas.alice, **dict(zip(names, values, strict=True)))
    assert set(caught.value.errors) == fields
    assert not VettingPolicy.objects.exists()


def test_every_member_reads_the_policy_page_and_only_owners_see_the_form(personas, login_as, org_url):
    page = text(login_as(personas.vera).get(org_url("hiring:vetting-policy")))
    assert "1 interview with a scorecard" in page and "2 references received" in page
    assert "Only an owner can change the policy." in page and "<form" not in page.split("<main")[-1]
    assert 'name="min_interviews"' in text(login_as(personas.alice).get(org_url("hiring:vetting-policy")))


def test_an_owner_changes_the_policy_from_the_page(personas, login_as, org_url):
    url = org_url("hiring:vetting-policy")
    response = login_as(personas.alice).post(url, {"min_interviews": "2", "min_references": "0"})
    assert response.status_code == 302 and response.url == url
    policy = VettingPolicy.objects.get()
    assert (policy.min_interviews, policy.min_references, policy.require_company_checks) == (2, 0, False)


def test_the_page_shows_bad_input_next_to_the_field(personas, login_as, org_url):
    response = login_as(personas.alice).post(org_url("hiring:vetting-policy"), {"min_interviews": "11"})
    assert response.status_code == 400
    assert "less than or equal to 10" in text(response)
    assert not VettingPolicy.objects.exists()


def test_a_manager_may_not_change_the_policy(personas, login_as, org_url):
    response = login_as(personas.bob).post(org_url("hiring:vetting-policy"), {"min_interviews": "0"})
    assert response.status_code == 403
    assert not VettingPolicy.objects.exists()
