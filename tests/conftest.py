"""Shared test fixtures: a copy of the small fixture corpus, and the option that rewrites golden files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Iterator
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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real corpus, built once per test session with `qantar build` (engine + `mkdocs build --strict`)."""
    from sitebuild import build_site, copy_project

    project = copy_project(tmp_path_factory.mktemp("built-project"))
    site = tmp_path_factory.mktemp("built-site")
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI (QANTAR_NO_SKIPS=1, set by .ci/run) a skipped test fails the run: nothing may be skipped there."""
    if os.environ.get("QANTAR_NO_SKIPS") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        if reporter:
            reporter.write_line(f"{len(skipped)} test(s) skipped: CI allows none (QANTAR_NO_SKIPS=1)", red=True)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tally import NUMBERS

    if NUMBERS:
        terminalreporter.section("Qantar numbers")
        for what, value in NUMBERS.items():
            terminalreporter.write_line(f"{what}: {value}")


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """Debian's headless Chromium, driven by Playwright, for the whole session."""
    from playwright.sync_api import sync_playwright

    from sitebuild import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), "Chromium is needed at /usr/bin/chromium (scripts/dev.py test installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The real corpus's built site, served on localhost for the whole session."""
    from sitebuild import SiteServer

    with SiteServer(built_site) as server:
        yield server.url


@pytest.fixture
def page(chromium: object) -> Iterator[object]:
    """A fresh tab that records every request it makes and every script error it meets."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.requests_seen = []
    tab.errors_seen = []
    tab.on("request", lambda request: tab.requests_seen.append(request.url))
    tab.on("pageerror", lambda error: tab.errors_seen.append(str(error)))
    yield tab
    context.close()
