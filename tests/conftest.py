"""Shared fixtures: every test gets its own database, never the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factdesk.importer import import_paths
from factdesk.store import Store
from tests.helpers import CORPUS, HARBOUR, import_story


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


@pytest.fixture
def desk(store: Store) -> Store:
    """The store with the sample corpus imported."""
    import_paths(store, [CORPUS])
    return store
