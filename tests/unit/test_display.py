"""HTML written in Python by remiss.display is the HTML Jinja wrote."""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import Environment
from markupsafe import Markup, escape

from remiss.display import escaped, options
from remiss.planning.present import DueRow
from remiss.remisser.queries import RemissRow, TableRemiss
from remiss.remisser.status import RemissStatus

JINJA_OPTIONS = Environment(autoescape=True).from_string(
    '{% for value, label in pairs %}<option value="{{ value }}" {% if selected == value %}selected{% endif %}>'
    '{{ label }}</option>{% endfor %}')


@given(st.one_of(st.text(), st.integers(), st.none(), st.text().map(Markup)))
def test_escaped_is_markupsafes_escape(value):
    assert escaped(value) == str(escape(value))


def test_escaped_quotes_and_markup():
    assert escaped("""<a href="x">'Å & Ö'</a>""") == "&lt;a href=&#34;x&#34;&gt;&#39;Å &amp; Ö&#39;&lt;/a&gt;"
    assert escaped(Markup("<b>fet</b>")) == "<b>fet</b>"


@given(st.lists(st.tuples(st.integers(min_value=0), st.text()), max_size=20), st.one_of(st.none(), st.integers(0, 5)))
def test_options_are_the_jinja_loops(pairs, selected):
    assert options(pairs, selected) == JINJA_OPTIONS.render(pairs=pairs, selected=selected)


def test_the_chosen_option_is_selected():
    html = options([(1, "Kultur & fritid"), (2, "Bygg")], 2)
    assert html == ('<option value="1" >Kultur &amp; fritid</option><option value="2" selected>Bygg</option>')


# The loops of remisser/_table.html and planning/_due_table.html that display.remiss_table_body and
# display.due_table_body replace, as they were.
OLD_REMISS_ROWS = """{% for row in rows %}{% set r = row.remiss %}
  <tr>
    <td class="nowrap" data-label="Diarienummer">{{ r.our_dnr or '–' }}</td>
    <td data-label="Ärende"><a href="{{ remiss_url(r.id) }}">{{ r.title }}</a>
      {% if r.direction == 'utgaende' %}<span class="tag">Utgående</span>{% endif %}</td>
    <td data-label="Remittent">{{ r.remittent }}</td>
    <td data-label="Nämnd">{{ row.namnd_name }}</td>
    <td data-label="Handläggare">{{ row.handlaggare_name or 'Ej tilldelad' }}</td>
    <td data-label="Status"><span class="status status-{{ r.status }}">{{ status_label(r.status) }}</span></td>
    <td data-label="Sista svarsdag"><span class="nowrap">{{ sv_deadline(r.effective_deadline_on, r.effective_deadline_time) }}</span>
      {% if r.effective_deadline_on and r.effective_deadline_on != r.deadline_on %}<span class="tag">förlängd</span>{% endif %}</td>
  </tr>
  {% endfor %}"""
OLD_DUE_ROWS = """{% for r in rows %}
  <tr><td class="nowrap" data-label="När">{{ r.when }}</td><td data-label="Vad">{{ r.label }}</td>
    <td data-label="Ärende"><a href="{{ remiss_url(r.remiss_id) }}#tidplan">{{ r.dnr }} {{ r.title }}</a></td>
    <td data-label="Läge">{% if r.overdue %}<span class="flag">Försenad</span> ({{ r.relative }}){% else %}{{ r.relative }}{% endif %}
      {% if r.flagged %}<span class="flag">Kräver uppmärksamhet</span>{% endif %}</td></tr>
  {% endfor %}"""


def _reference(source):
    from remiss import display

    env = Environment(autoescape=True)
    env.globals.update(remiss_url=display.remiss_url, sv_deadline=display.sv_deadline,
                       status_label=display.status_label)
    return env.from_string(source)


@pytest.fixture(scope="module")
def request_context():
    from flask import Blueprint, Flask

    app = Flask(__name__)
    bp = Blueprint("remisser", __name__)
    bp.add_url_rule("/remisser/<int:remiss_id>", "show", lambda remiss_id: "")
    app.register_blueprint(bp)
    with app.test_request_context("/"):
        yield


_days = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
_remiss_rows = st.lists(st.builds(
    lambda remiss, namnd, handlaggare: RemissRow(remiss, namnd, handlaggare),
    st.builds(TableRemiss, id=st.integers(1, 10**9), our_dnr=st.one_of(st.none(), st.just(""), st.text()),
              title=st.text(), direction=st.sampled_from(["inkommande", "utgaende"]), remittent=st.text(),
              status=st.one_of(st.sampled_from(list(RemissStatus)), st.text(max_size=5)), deadline_on=_days,
              effective_deadline_on=_days, effective_deadline_time=st.one_of(st.none(), st.times())),
    st.text(), st.one_of(st.none(), st.just(""), st.text())), max_size=8)
_due_rows = st.lists(st.builds(DueRow, remiss_id=st.integers(1, 10**9), dnr=st.text(), title=st.text(),
                               label=st.text(), when=st.text(), relative=st.text(), overdue=st.booleans(),
                               flagged=st.booleans(), explanation=st.text()), max_size=8)


@given(_remiss_rows)
def test_remiss_table_body_is_the_jinja_loop(request_context, rows):
    from remiss.display import remiss_table_body

    assert remiss_table_body(rows) == _reference(OLD_REMISS_ROWS).render(rows=rows)


@given(_due_rows)
def test_due_table_body_is_the_jinja_loop(request_context, rows):
    from remiss.display import due_table_body

    assert due_table_body(rows) == _reference(OLD_DUE_ROWS).render(rows=rows)
