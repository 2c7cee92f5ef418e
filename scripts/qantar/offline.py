"""The offline copy: the whole site again, without directory URLs (links then work from file://), zipped into the
built site's download/ folder. One entry point, `add_offline_copy`, used by the MkDocs hook after every
`mkdocs build` (and so by `qantar build`, and by ProperDocs), and by `python -m qantar.offline`.

It also owns the environment every engine run of ours gets, `engine_environment`: the end-of-life banner of Material
for MkDocs silenced (README: Engines), and whether the build adds an offline copy.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from .build_time import VARIABLE as SOURCE_DATE_EPOCH
from .build_time import source_date_epoch
from .site.routes import EXPLORER_DATA, OFFLINE_ZIP

OFFLINE_FOLDER = "qantar-claims"  # the folder inside the zip
ADD_COPY = "QANTAR_OFFLINE_COPY"  # "0": this build adds no offline copy (the copy's own build, the benchmark)


class OfflineBuildError(RuntimeError):
    """The second build (for the offline copy) failed; the message holds its output."""


# Set for an engine run started right after `qantar generate`: the hook's first build then skips generating again.
GENERATED_JUST_NOW = "QANTAR_ENGINE_DONE"


def engine_environment(generated: bool = False, **extra: str) -> dict[str, str]:
    """The environment for an engine run: Material's end-of-life banner off (the plan is in the README),
    SOURCE_DATE_EPOCH valid (an empty one means unset), and whether the pages were generated just now."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra)
    if generated:
        environment[GENERATED_JUST_NOW] = "1"
    environment[SOURCE_DATE_EPOCH] = source_date_epoch(environment.get(SOURCE_DATE_EPOCH))
    return environment


def wanted(offline_copy_setting: bool) -> bool:
    """Whether this build adds the offline copy: the setting is on, and the build is not told otherwise."""
    return offline_copy_setting and os.environ.get(ADD_COPY) != "0"


def make_search_work_offline(site: Path) -> None:
    """Material's search reads search/search_index.js (a script, not fetched JSON) when opened from file://."""
    index = site / "search" / "search_index.json"
    if index.is_file():
        (site / "search" / "search_index.js").write_text(
            "var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8"
        )


def make_explorer_work_offline(site: Path) -> None:
    """The explorer's data as scripts too: from file:// a page may run scripts beside it but not fetch JSON."""
    folder = site / EXPLORER_DATA
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*.json")):
        name = path.relative_to(folder).as_posix()
        path.with_suffix(".js").write_text(
            f"(window.__qantarExplorerData = window.__qantarExplorerData || {{}})[{json.dumps(name)}] = "
            + path.read_text(encoding="utf-8").rstrip()
            + ";\n",
            encoding="utf-8",
        )


def zip_folder(folder: Path, target: Path, inside: str) -> None:
    """Zip a folder with fixed dates and sorted entries, so that the same site gives the same bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        readme = zipfile.ZipInfo("README.txt", date_time=(1980, 1, 1, 0, 0, 0))
        readme.external_attr = 0o644 << 16
        archive.writestr(
            readme,
            f"Open {inside}/index.html in a web browser. Links and search work from the "
            "file system; no page loads anything from the internet.\n",
        )
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{inside}/{path.relative_to(folder).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    temporary.replace(target)


def add_offline_copy(root: Path, site_dir: Path, engine: str = "mkdocs", keep: Path | None = None) -> Path:
    """Build the site again with the same engine, without directory URLs, make search work from file://, and zip
    it into <site_dir>/download/. With `keep`, the unzipped copy is also left there (for tests)."""
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir  # as the engine reads --site-dir
    with tempfile.TemporaryDirectory(prefix="qantar-offline-") as temporary:
        offline = Path(temporary) / OFFLINE_FOLDER
        environment = engine_environment(generated=True, **{ADD_COPY: "0"})
        completed = subprocess.run(
            [sys.executable, "-m", engine, "build", "--strict", "--no-directory-urls", "--site-dir", str(offline)],
            cwd=root,
            env=environment,
            capture_output=True,
            text=True,
        )
        if completed.returncode != 0:
            raise OfflineBuildError(completed.stdout + completed.stderr)
        make_search_work_offline(offline)
        make_explorer_work_offline(offline)
        target = site_dir / OFFLINE_ZIP
        zip_folder(offline, target, OFFLINE_FOLDER)
        if keep is not None:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(offline, keep)
    return target


def main(argv: list[str] | None = None) -> int:
    """`python -m qantar.offline --site-dir site`: add the offline copy to a built site."""
    parser = argparse.ArgumentParser(prog="python -m qantar.offline")
    parser.add_argument("--root", default=".", help="the project folder (with mkdocs.yml)")
    parser.add_argument("--site-dir", default="site", help="the built site, where download/ is written")
    args = parser.parse_args(argv)
    try:
        target = add_offline_copy(Path(args.root).resolve(), Path(args.site_dir))
    except OfflineBuildError as error:
        print(f"offline copy not built:\n{error}", file=sys.stderr)
        return 1
    print(f"offline copy: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
