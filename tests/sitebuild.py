"""Build a real site (engine + `mkdocs build --strict`) into a temporary folder, and serve it on localhost."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run `qantar build` exactly as an editor or CI would, into site_dir."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "qantar.cli", "--root", str(project), "build", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


def _generated_by_the_engine(folder: str, names: list[str]) -> list[str]:
    """What generate writes at the top of the docs folder (routes' generated roots, the manifest, the staging
    folder): left out of a copy, so that it holds only the hand-written pages."""
    from qantar.publish import MANIFEST, STAGING
    from qantar.site.routes import GENERATED_FILES, GENERATED_FOLDERS

    if Path(folder).resolve() != (ROOT / "docs").resolve():
        return []
    return [name for name in names if name in {*GENERATED_FOLDERS, *GENERATED_FILES, MANIFEST, STAGING}]


def copy_project(target: Path, corpus: Path | None = None) -> Path:
    """A copy of the project (config, docs, hook) with either its own corpus or another one."""
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(
        ROOT / "docs",
        target / "docs",
        ignore=_generated_by_the_engine,
    )  # none of what generate left in this checkout's docs folder
    shutil.copytree(ROOT / "scripts", target / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", target / "overrides")
    if corpus is not None:
        # the introduction tells the real corpus's story and links to its records: another corpus has none
        (target / "docs" / "introduction.md").unlink(missing_ok=True)
        # the guides quote (and link to) records of the real corpus; another corpus gets plain pages in their place
        for guide in sorted((target / "docs" / "guide").glob("*.md")):
            title = guide.stem.replace("-", " ").capitalize() + " guide"
            guide.write_text(f"---\ntitle: {title}\n---\n\n# {title}\n\nFor the test corpus.\n", encoding="utf-8")
    source = corpus or ROOT
    shutil.copytree(source / "sources", target / "sources")
    shutil.copytree(source / "claims", target / "claims")
    return target


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class SiteServer:
    """Serve a built site on 127.0.0.1 (a free port) for the length of a test session."""

    def __init__(self, site: Path) -> None:
        handler = functools.partial(QuietHandler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
