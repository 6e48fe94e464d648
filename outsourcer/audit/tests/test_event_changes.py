from outsourcer.audit.models import Event


def test_it_lists_only_the_fields_that_changed():
    event = Event(before={"role": "viewer", "name": "Vera"}, after={"role": "manager", "name": "Vera"})
    assert event.changes == [("role", "viewer", "manager")]


def test_it_shows_one_sided_changes():
    assert Event(before={"user": "v@x.example"}).changes == [("user", "v@x.example", None)]
    assert Event(after={"role": "viewer"}).changes == [("role", None, "viewer")]
    assert Event().changes == []


def test_it_tolerates_values_that_are_not_objects():
    assert Event(before=["a"], after="b").changes == []
