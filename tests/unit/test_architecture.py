"""The rules of the house: prospector/ never imports Qt or ui/; ui/ reaches the data only
through its operations module."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui")
# The one module of ui/ that may hold a session: it runs the services' queries and use cases.
OPERATIONS = Path("ui") / "operations.py"
SESSION_METHODS = {"reading", "writing", "snapshot"}
SESSION_FACTORIES = {"Session", "sessionmaker", "scoped_session"}


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_no_prospector_module_imports_qt_or_ui() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_roots(path) & set(FORBIDDEN))
        for path in (ROOT / "prospector").rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_importing_every_prospector_module_loads_no_qt() -> None:
    code = (
        "import importlib, pkgutil, sys, prospector\n"
        "for info in pkgutil.walk_packages(prospector.__path__, 'prospector.'):\n"
        "    if '.migrations' not in info.name:\n"
        "        importlib.import_module(info.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        f"{FORBIDDEN!r})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_main_only_parses_arguments_and_hands_over() -> None:
    assert _imported_roots(ROOT / "main.py") <= {
        "__future__",
        "argparse",
        "datetime",  # a command's date argument
        "multiprocessing",
        "pathlib",
        "sys",
        "ui",
        "prospector",
    }


def data_access_outside_operations(root: Path) -> list[str]:
    """Where a module of root/ui other than the operations module imports SQLAlchemy or
    opens a session of its own ("path:line what")."""
    found: list[tuple[str, int, str]] = []
    for path in sorted((root / "ui").rglob("*.py")):
        relative = path.relative_to(root)
        if relative == OPERATIONS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            what = None
            if isinstance(node, ast.Import):
                if any(alias.name.split(".")[0] == "sqlalchemy" for alias in node.names):
                    what = "imports sqlalchemy"
            elif isinstance(node, ast.ImportFrom):
                if node.level == 0 and (node.module or "").split(".")[0] == "sqlalchemy":
                    what = "imports sqlalchemy"
            elif isinstance(node, ast.Call):
                func = node.func
                name = (
                    func.attr
                    if isinstance(func, ast.Attribute)
                    else func.id
                    if isinstance(func, ast.Name)
                    else ""
                )
                if (
                    isinstance(func, ast.Attribute) and name in SESSION_METHODS
                ) or name in SESSION_FACTORIES:
                    what = f"opens a session ({name}())"
            if what is not None:
                found.append((str(relative), node.lineno, what))
    return [f"{path}:{line} {what}" for path, line, what in sorted(found)]


def test_ui_reaches_the_data_only_through_the_operations_module() -> None:
    assert data_access_outside_operations(ROOT) == []


def test_only_the_operations_module_announces_changes() -> None:
    """Pages refresh from what the services say they changed; none emits a refresh by hand."""
    emitters = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "ui").rglob("*.py")
        if path.relative_to(ROOT) != OPERATIONS
        and re.search(r"operations\.(changed\.emit|publish)\(", path.read_text(encoding="utf-8"))
    )
    assert emitters == []


def test_the_data_access_check_finds_a_violation(tmp_path: Path) -> None:
    pages = tmp_path / "ui" / "pages"
    pages.mkdir(parents=True)
    (pages / "bad_page.py").write_text(
        "from sqlalchemy.orm import Session\n"
        "import sqlalchemy as sa\n"
        "\n"
        "def reload(context):\n"
        "    with context.database.writing() as session:\n"
        "        session.flush()\n"
        "    return Session(bind=None)\n",
        encoding="utf-8",
    )
    # The operations module may do all of it.
    (tmp_path / OPERATIONS).write_text(
        "from sqlalchemy.orm import Session\n"
        "def read(db):\n"
        "    with db.reading() as session:\n"
        "        return session\n",
        encoding="utf-8",
    )
    assert data_access_outside_operations(tmp_path) == [
        "ui/pages/bad_page.py:1 imports sqlalchemy",
        "ui/pages/bad_page.py:2 imports sqlalchemy",
        "ui/pages/bad_page.py:5 opens a session (writing())",
        "ui/pages/bad_page.py:7 opens a session (Session())",
    ]


def test_ruff_bans_qt_and_ui_in_prospector(tmp_path: Path) -> None:
    """The same rule as an editor sees it: ruff's banned-import check (TID251) on a module of
    prospector/ that imports Qt and ui."""
    import shutil

    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert ruff is not None
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "prospector").mkdir()
    (tmp_path / "prospector" / "bad.py").write_text(
        "from PySide6.QtCore import QObject\nimport ui.app\n\nprint(QObject, ui.app)\n",
        encoding="utf-8",
    )
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "fine.py").write_text(
        "from PySide6.QtCore import QObject\n\nprint(QObject)\n", encoding="utf-8"
    )
    result = subprocess.run(
        [ruff, "check", "--no-cache", "--select", "TID251", "--output-format", "concise", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    banned = sorted(line.split(":")[0] for line in result.stdout.splitlines() if "TID251" in line)
    assert banned == ["prospector/bad.py", "prospector/bad.py"]


def test_dialogs_share_no_helpers_with_each_other() -> None:
    """A dialog may open another one (its class, or the answer type its ask() returns);
    pieces several forms use live in ui/widgets/."""
    borrowed = []
    for path in sorted((ROOT / "ui" / "dialogs").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(
                "ui.dialogs."
            ):
                continue
            same_wizard = path.parent.name == "import_pages" or node.module.startswith(
                "ui.dialogs.import_pages"
            )
            for alias in node.names:
                if not same_wizard and not alias.name.endswith(("Dialog", "Choice")):
                    borrowed.append(f"{path.relative_to(ROOT)}: {alias.name}")
    assert borrowed == []
