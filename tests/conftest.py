"""Shared test fixtures: a copy of the small fixture corpus, and the option that rewrites golden files."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from qantar.build import EngineResult, check  # noqa: E402
from qantar.config import Settings  # noqa: E402

FIXTURE_CORPUS = ROOT / "tests" / "fixtures" / "corpus"
TODAY = dt.date(2026, 11, 23)  # fixed, so that 'in the future' messages never drift


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the fixture corpus")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A fresh, valid copy of the fixture corpus that a test may break."""
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, target)
    return target


def run_check(root: Path) -> EngineResult:
    return check(Settings(root=root), today=TODAY)


def problem_lines(root: Path) -> list[str]:
    """Every problem `qantar check` would print for this corpus, one string per problem, sorted."""
    result = run_check(root)
    return [str(p) for p in sorted(result.problems.items, key=lambda p: (p.path, p.line, p.column, p.field))]
