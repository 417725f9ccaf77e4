"""Services, the scheduler and the CLI import no web module: the web layer sits on top, never underneath."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "remiss"
WEB_LIBRARIES = ("flask_login", "flask_wtf", "wtforms")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_web(name: str, path: Path) -> bool:
    """The web layer: remiss.web, blueprint modules (views, api) and HTML forms."""
    if name.startswith("remiss.web") or name == "remiss.api" or name.startswith("remiss.api."):
        return True
    if path.stem in ("views", "api") or "views" in path.parts:  # views.py, a views/ package, api.py
        return True
    return any(i.startswith(WEB_LIBRARIES) for i in _imports(path))


WEB = {name for name, path in MODULES.items() if _is_web(name, path)}
# Everything else except the app factory (remiss/__init__.py builds the app out of all of it).
BELOW_THE_WEB = sorted(name for name in MODULES if name not in WEB and name != "remiss")


def test_the_split_sees_both_layers():
    assert {"remiss.web", "remiss.remisser.views", "remiss.auth.forms", "remiss.planning.api"} <= WEB
    assert {"remiss.remisser.service", "remiss.reminders.mail", "remiss.cli", "remiss.reminders.cli"} <= set(
        BELOW_THE_WEB)


@pytest.mark.parametrize("name", BELOW_THE_WEB)
def test_no_web_module_below_the_web(name):
    imported = {i for i in _imports(MODULES[name]) if i in WEB or i.startswith("remiss.web")}
    assert not imported, f"{name} imports the web layer: {sorted(imported)}"
