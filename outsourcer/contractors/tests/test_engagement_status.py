import pytest

from outsourcer.audit.models import Event
from outsourcer.contractors.models import EngagementStatus

pytestmark = pytest.mark.django_db


def _status_url(url, engagement):
    return url("contractors:status", engagement_id=engagement.pk)


def test_it_moves_the_engagement(personas, login_as, url):
    client = login_as(personas.bob)
    response = client.post(_status_url(url, personas.carol_engagement), {"status": "paused"}, follow=True)
    personas.carol_engagement.refresh_from_db()
    assert personas.carol_engagement.status == EngagementStatus.PAUSED
    assert "Carol Contractor is now paused." in response.content.decode()
    event = Event.objects.get(action="engagement_status_changed")
    assert (event.before, event.after) == ({"status": "active"}, {"status": "paused"})


def test_it_refuses_an_illegal_transition_with_a_message(personas, login_as, url):
    client = login_as(personas.alice)
    response = client.post(_status_url(url, personas.carol_engagement), {"status": "prospect"}, follow=True)
    personas.carol_engagement.refresh_from_db()
    assert personas.carol_engagement.status == EngagementStatus.ACTIVE
    assert "The engagement is active; it cannot become prospect." in response.content.decode()


def test_it_refuses_an_unknown_status(personas, login_as, url):
    response = login_as(personas.alice).post(
        _status_url(url, personas.carol_engagement), {"status": "hired"}, follow=True
    )
    assert "Choose one of the statuses offered." in response.content.decode()


def test_it_forbids_viewers(personas, login_as, url):
    assert (
        login_as(personas.vera).post(_status_url(url, personas.carol_engagement), {"status": "paused"}).status_code
        == 403
    )


def test_it_is_not_found_for_another_organizations_engagement(personas, login_as, url):
    response = login_as(personas.alice).post(_status_url(url, personas.dan_engagement), {"status": "paused"})
    assert response.status_code == 404
    personas.dan_engagement.refresh_from_db()
    assert personas.dan_engagement.status == EngagementStatus.ACTIVE


def test_it_rejects_get(personas, login_as, url):
    assert login_as(personas.alice).get(_status_url(url, personas.carol_engagement)).status_code == 405
