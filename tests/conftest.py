"""Shared fixtures: every test gets its own database, never the user's."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from factdesk.cli import cli
from factdesk.store import Store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "sample_corpus"


@pytest.fixture(autouse=True)
def isolated_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point FACTDESK_DB (and the data folder) at the test's own temporary folder."""
    db = tmp_path / "factdesk.db"
    monkeypatch.setenv("FACTDESK_DB", str(db))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    return db


@pytest.fixture
def store(isolated_db: Path) -> Iterator[Store]:
    with Store(isolated_db) as s:
        yield s


# A small article of our own, for tests that need a few claims above and below the
# threshold and sentences to add or correct (nothing depends on the exact scores).
HARBOUR = (
    "Harbour Figures\n\n"
    "The port handled 40 ships in May 2021, officials said. We hope the weather improves"
    " soon.\n\n"
    "The harbour authority said on Monday that 14 ships were turned away in 2020.\n\n"
    "Port officials reported that cargo volumes fell by 12 percent last year.\n"
)


@pytest.fixture
def harbour_file(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.txt"
    path.write_text(HARBOUR, encoding="utf-8")
    return path


@pytest.fixture
def harbour(store: Store, harbour_file: Path) -> Store:
    """The store with the harbour article imported (article 1)."""
    from factdesk.importer import import_paths

    import_paths(store, [harbour_file])
    return store


# Three small articles of our own that report one story: the mayor's sentence is restated
# word for word in all three (so it always forms a cluster, however the similarity is
# tuned), and two of them date the bridge's closure differently (a date conflict).
STORY = {
    "a.txt": "Bridge Closure Hits Port\n\n"
    "The city council said on Monday that the Northgate bridge was closed in 2015 after an"
    " inspection found deep cracks.\n\n"
    "Mayor Helen Ward said the repairs to the Northgate bridge would cost 3 million dollars.\n\n"
    "Port officials reported that 40 ships were delayed by the closure of the bridge.\n",
    "b.txt": "Northgate Bridge Shut\n\n"
    "The city council said on Monday that the Northgate bridge was closed in 2018 after an"
    " inspection found deep cracks.\n\n"
    "Mayor Helen Ward said the repairs to the Northgate bridge would cost 3 million dollars.\n\n"
    "Shipping agents said the harbour lost trade to rival ports during the winter.\n",
    "c.txt": "Council Budget Debate\n\n"
    "Mayor Helen Ward said the repairs to the Northgate bridge would cost 3 million dollars.\n\n"
    "The council approved a new budget for schools on Tuesday, officials said.\n",
}


def import_story(store: Store, folder: Path) -> Store:
    """Write the STORY articles into ``folder`` and import them."""
    from factdesk.importer import import_paths

    folder.mkdir(parents=True, exist_ok=True)
    for name, text in STORY.items():
        (folder / name).write_text(text, encoding="utf-8")
    import_paths(store, [folder / name for name in STORY])
    return store


@pytest.fixture
def story(store: Store, tmp_path: Path) -> Store:
    """The store with the STORY articles imported."""
    return import_story(store, tmp_path / "story")


@pytest.fixture(scope="session")
def corpus_texts() -> dict[str, str]:
    """The sample corpus as the importer stores it (UTF-8, line endings normalised)."""
    return {
        p.name: p.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        for p in sorted(CORPUS.glob("*.txt"))
    }


def _claims_per_article() -> dict[str, int]:
    from factdesk.extract import extract_claims

    return {
        p.name: len(extract_claims(p.read_bytes().decode("utf-8").replace("\r\n", "\n")))
        for p in sorted(CORPUS.glob("*.txt"))
    }


# How many claims the extractor makes of each sample article at the default threshold, so
# that tests follow the scorer instead of hard-coding its figures.
ARTICLE_CLAIMS = _claims_per_article()
CORPUS_CLAIMS = sum(ARTICLE_CLAIMS.values())


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI; returns the exit code, stdout and stderr (a crash is raised)."""
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@contextmanager
def immutable_file(path: Path) -> Iterator[Path]:
    """A file made read-only at the file-system level (`chattr +i`: the tests run as root,
    who ignores chmod), and writable again afterwards. Skipped, saying why, where chattr
    is missing or the file system cannot do it: then no file can be read-only for root."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed, so no file can be made read-only for root")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"this file system cannot make a file immutable: {done.stderr!r}")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
