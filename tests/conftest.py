import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _own_archive(tmp_path_factory, monkeypatch):
    """Each test its own archive of results (never the user's, never another test's)."""
    monkeypatch.setenv("GDCHECKER_ARCHIVE", str(tmp_path_factory.mktemp("archive") / "archive.sqlite3"))
