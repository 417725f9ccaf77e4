"""remiss.one_round: a form's errors from the parser and the domain's checks, in one answer (walk27 Y1, Y3, Y12);
and the yttrande editor's fields in their page order (drafting.forms.draft_fields)."""
from remiss.drafting.content import LINE_FIELDS, TEXT_FIELDS
from remiss.drafting.forms import draft_fields
from remiss.one_round import collect, readable
from remiss.remisser.input import InputErrors


def _refuses():
    raise InputErrors({"received_on": "Inkom kan inte vara ett datum efter i dag.", "title": "Fältet måste fyllas i."})


def test_every_source_is_said_and_the_first_keeps_its_field():
    parsed = {"deadline_on": "Ange ett giltigt datum.", "title": "Högst 500 tecken."}
    found = collect(parsed, None, _refuses, lambda: {"deadline_on": "Ange sista svarsdag."}, lambda: None)
    assert found == {"deadline_on": "Ange ett giltigt datum.", "title": "Högst 500 tecken.",
                     "received_on": "Inkom kan inte vara ett datum efter i dag."}
    assert collect() == {}


def test_readable_leaves_out_the_fields_not_read():
    assert readable({"title": "", "deadline_on": None, "notes": "x"}, {"deadline_on": "Ange ett giltigt datum."}) == \
        {"title": "", "notes": "x"}


def test_the_editors_order_names_every_field_of_the_draft_once():
    fields = draft_fields(3)
    assert set(TEXT_FIELDS) | set(LINE_FIELDS) <= set(fields)
    assert len(fields) == len(set(fields))
    assert fields.index("svar-3") < fields.index("avsnitt-1-rubrik") < fields.index("avsnitt-1-text") \
        < fields.index("ovriga_synpunkter")
