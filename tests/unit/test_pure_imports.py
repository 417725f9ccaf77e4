"""The pure domain core imports neither Flask nor SQLModel/SQLAlchemy nor the app."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "remiss"
PURE = [ROOT / "calendar", ROOT / "missiv", ROOT / "remisser" / "status.py", ROOT / "remisser" / "question_match.py",
        ROOT / "remisser" / "date_questions.py", ROOT / "remisser" / "kind_words.py",
        ROOT / "reminders" / "policy.py", ROOT / "field_order.py",
        ROOT / "documents", ROOT / "intake" / "plausible.py", ROOT / "drafting" / "paragraf.py"]
FORBIDDEN = ("flask", "sqlmodel", "sqlalchemy", "remiss.db", "remiss.web")


def _files():
    for target in PURE:
        if target.is_dir():
            yield from sorted(target.glob("*.py"))
        elif target.exists():
            yield target


@pytest.mark.parametrize("path", list(_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_module_has_no_framework_imports(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
