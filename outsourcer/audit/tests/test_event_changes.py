from outsourcer.audit.models import Event
from outsourcer.audit.templatetags.audit_tags import change_value


def test_it_lists_only_the_fields_that_changed():
    event = Event(before={"role": "viewer", "name": "Vera"}, after={"role": "manager", "name": "Vera"})
    assert event.changes == [("role", "viewer", "manager")]


def test_it_shows_one_sided_changes():
    assert Event(before={"user": "v@x.example"}).changes == [("user", "v@x.example", None)]
    assert Event(after={"role": "viewer"}).changes == [("role", None, "viewer")]
    assert Event().changes == []


def test_it_tolerates_values_that_are_not_objects():
    assert Event(before=["a"], after="b").changes == []


def test_values_read_as_short_text():
    assert change_value(None) == "—"
    assert change_value(["mon", "tue"]) == "mon, tue"
    assert change_value({"mon": ["09:00", "17:00"]}) == "mon: 09:00, 17:00"
    assert change_value(True) == "yes"
    assert change_value(4500) == "4500"
