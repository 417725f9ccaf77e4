"""remiss.field_order.in_field_order and remiss.web.forms.linked_to: an error summary's items in the order of the form's fields."""
from remiss.field_order import in_field_order
from remiss.web.forms import linked_to

FIELDS = ("requested_by", "until_on", "until_time", "requested_on", "reason")


def test_errors_follow_the_declared_fields_and_whole_form_messages_come_first():
    found = {"reason": "För lång.", "until_time": "Ange klockslag.", "csrf": "Formuläret har gått ut.",
             "requested_by": "Ange vem.", "state": "Yttrandet har skickats."}
    assert list(in_field_order(found, FIELDS)) == ["csrf", "state", "requested_by", "until_time", "reason"]
    assert in_field_order(found, FIELDS)["reason"] == "För lång."  # the messages go with their fields


def test_nothing_to_order():
    assert in_field_order({}, FIELDS) == {}
    assert in_field_order({"b": "2", "a": "1"}, iter(("a", "b"))) == {"a": "1", "b": "2"}  # any iterable of names


def test_linked_to_gives_each_message_its_field_id():
    errors = {"status": "Välj en status.", "note": "För lång."}
    assert linked_to(errors, "f-s-") == [("f-s-status", "Välj en status."), ("f-s-note", "För lång.")]
    assert linked_to(errors, "", {"status": "new-status", "note": "status-note"}) == \
        [("new-status", "Välj en status."), ("status-note", "För lång.")]
