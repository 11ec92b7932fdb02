"""learning sits below generators (which read what it learned) and above documents: it imports
neither chat, agents nor generators, and documents does not import it."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def imported_apps(folder: str) -> set[str]:
    found = set()
    for path in (ROOT / folder).rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found


def test_learning_imports_nothing_above_it():
    assert imported_apps("learning") & {"chat", "agents", "generators", "meetings", "ops"} == set()


def test_documents_and_brands_do_not_import_learning():
    assert "learning" not in imported_apps("documents") | imported_apps("brands")
