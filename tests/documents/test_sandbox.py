"""Template injection, resource limits and escaping in the rendering worker."""

from __future__ import annotations

import time

import pytest

from remiss.documents import RenderError, check_template, render_document, sample_context

from .conftest import all_text

PAYLOADS = [
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ''.__class__.__mro__ }}",
    "{% for x in ().__class__.__base__.__subclasses__() %}{{ x }}{% endfor %}",
    "{{ joiner.__init__.__globals__.__builtins__.__import__('os').popen('id').read() }}",
    "{{ namnd.__class__.__base__.__subclasses__() }}",
    "{{ ''|attr('__class__') }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_payload_is_refused_at_render(make_template, payload):
    """Every payload fails with RenderError (the sandbox raises on unsafe attributes), never runs."""
    template = make_template("Titel: {{ titel }}", payload)
    with pytest.raises(RenderError, match="inte är tillåtet i en mall") as info:
        render_document("yttrande", sample_context("yttrande"), template)
    assert "uid=" not in str(info.value)


@pytest.mark.parametrize("payload", PAYLOADS[:5] + PAYLOADS[6:])
def test_injection_payload_is_refused_on_upload(make_template, payload):
    report = check_template("yttrande", make_template(payload))
    assert not report.ok and report.preview is None
    assert any("interna attribut" in e and f"i brödtexten, i stycket som börjar ”{payload[:12]}" in e for e in report.errors), report.errors


def test_attr_filter_payload_is_refused_on_upload_by_the_preview(make_template):
    report = check_template("yttrande", make_template("{{ ''|attr('__class__') }}"))
    assert not report.ok and "Förhandsvisningen" in report.errors[0]


def test_template_can_not_read_the_environment(make_template):
    template = make_template("{{ config }}{{ request }}{{ os }}{{ titel }}")
    data = render_document("yttrande", sample_context("yttrande"), template)
    assert all_text(data).split("\n")[0] == sample_context("yttrande")["titel"]


def test_huge_range_is_refused_quickly(make_template):
    template = make_template("{% for i in range(10**9) %}x{% endfor %}")
    started = time.monotonic()
    with pytest.raises(RenderError, match="för stor upprepning"):
        render_document("yttrande", {}, template, timeout=5)
    assert time.monotonic() - started < 5


def test_endless_loop_is_stopped_by_the_time_limit(make_template):
    template = make_template("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    started = time.monotonic()
    with pytest.raises(RenderError, match="inom 2 sekunder"):
        render_document("yttrande", {}, template, timeout=2)
    assert time.monotonic() - started < 4


def test_memory_hog_is_stopped_by_the_address_space_limit(make_template):
    template = make_template("{{ ('x' * 10**9)|length }}")
    started = time.monotonic()
    with pytest.raises(RenderError, match="minne"):
        render_document("yttrande", {}, template, timeout=10, memory_mb=256)
    assert time.monotonic() - started < 10


def test_worker_gets_no_secrets(make_template, monkeypatch):
    monkeypatch.setenv("REMISS_SECRET_KEY", "hemligt")
    template = make_template("{{ titel }}")
    data = render_document("yttrande", {"titel": "ok"}, template)
    assert all_text(data).startswith("ok")


def test_worker_script_loads_its_markup_by_path_without_the_app(tmp_path):
    """Run as `python -I sandbox.py`, the worker finds markup.py beside it and imports nothing of the app."""
    import subprocess
    import sys

    from remiss.documents import sandbox

    probe = ("import runpy, sys\n"
             f"ns = runpy.run_path({str(sandbox.__file__)!r}, run_name='worker')\n"
             "print(ns['markup'].blocks('- a **b**'))\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('remiss', 'flask', 'sqlmodel')))\n")
    out = subprocess.run([sys.executable, "-I", "-B", "-c", probe], cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert out == ["[Block(kind='ul', items=[[('a ', ''), ('b', 'b')]])]", "[]"]
