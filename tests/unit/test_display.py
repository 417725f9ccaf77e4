"""HTML written in Python by remiss.display is the HTML Jinja wrote."""
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import Environment
from markupsafe import Markup, escape

from remiss.display import escaped, options

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
