"""Fixtures shared by the test modules."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.store import build_into
from tests.samples import ARTICLES


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory) -> Path:
    """A build of data/articles (graph files and Oxigraph store), made once per session."""
    folder = tmp_path_factory.mktemp("samples") / "out"
    build_into(folder, [ARTICLES])
    return folder
