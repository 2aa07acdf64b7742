"""Architecture and packaging: the core never imports Textual; shipped files are intact."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import factdesk
from tests.helpers import CORPUS

PACKAGE = Path(factdesk.__file__).parent
# Every module outside the user interface, found on disk so that a new one is covered
# (not __main__, which runs the command).
CORE = sorted(
    ".".join(("factdesk", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
        ".__init__"
    )
    for path in PACKAGE.rglob("*.py")
    if "ui" not in path.relative_to(PACKAGE).parts and path.name != "__main__.py"
)
SAMPLE_SHA256 = {
    "000_13d752a9abc16feb.txt": "293ecf894339971d9090efbc9b4dbb31dce296effe02987aae663224f804a8b7",
    "001_b217477616b29b96.txt": "2d5059d3a25a6b0c0c65ceacf38789fd1d06eec28166bff0c3d63b5446e7eed7",
    "002_0391f002be7ba7de.txt": "b1cafdd988b4fcfdb6bbad2e102657925e83ec300e121778c8c500e4be679f32",
    "003_65359530f7912092.txt": "cee614996c51a827e3a21642289288b8de9bd343e8c6fa3ccbf9750627457982",
    "004_334d3b0a63772591.txt": "1f070da5b5928e7958b653b8fde46a60f0346dd13c983a7f7b8ef7b51a489959",
}


def test_core_imports_without_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if 'textual' in m)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"


def test_cli_import_runs_without_loading_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from factdesk.cli import cli\n"
        f"r = CliRunner().invoke(cli, ['import', {str(CORPUS)!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert 'textual' not in sys.modules\n"
        "print('ok')\n"
    )
    env = {**os.environ, "FACTDESK_DB": str(tmp_path / "arch.db")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"


def test_sample_corpus_is_shipped_byte_for_byte() -> None:
    shipped = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in CORPUS.iterdir()}
    assert shipped == SAMPLE_SHA256


def test_no_test_file_imports_another_or_the_conftest() -> None:
    """What tests share lives in tests/helpers.py (and big_database.py), fixtures in
    conftest.py: a test file imports neither another test file nor the conftest."""
    import ast

    found = []
    for path in sorted(Path(__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                last = name.rsplit(".", 1)[-1]
                if last.startswith("test_") or last == "conftest":
                    found.append(f"{path.name}: {name}")
    assert found == []
