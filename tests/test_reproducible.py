"""Reproducible: two builds of the same records give byte-identical site/ trees, whatever the clock says.

The second build runs in another folder, with another hash seed, another time zone and a clock moved 400 days
and a few hours ahead (a sitecustomize module shifts datetime.now() and time.time() in every Python process of
the build), so that anything taken from the clock, the folder or set ordering would show as a difference.
MkDocs takes the clock for sitemap.xml and the gzip header of sitemap.xml.gz; scripts/mkdocs_hook.py sets
SOURCE_DATE_EPOCH for that.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

import tally
from sitebuild import build_site, copy_project

SHIFT_SECONDS = 400 * 86_400 + 5 * 3_600

FAKE_CLOCK = f'''
"""Test only: move this process's clock {SHIFT_SECONDS} seconds ahead."""
import datetime as _datetime
import time as _time

_SHIFT = {SHIFT_SECONDS}
_real_time = _time.time


class _ShiftedDatetime(_datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return _datetime.datetime.fromtimestamp(_real_time() + _SHIFT, tz)

    @classmethod
    def utcnow(cls):
        return cls.now(_datetime.timezone.utc).replace(tzinfo=None)

    @classmethod
    def today(cls):
        return cls.now()


_datetime.datetime = _ShiftedDatetime
_time.time = lambda: _real_time() + _SHIFT
'''


def tree(site: Path) -> dict[str, str]:
    """Every file of a built site and the SHA-256 of its bytes."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def tree_hash(files: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for name, file_hash in sorted(files.items()):
        digest.update(f"{name}\0{file_hash}\n".encode())
    return digest.hexdigest()


def shifted_environment(folder: Path) -> dict[str, str]:
    (folder / "sitecustomize.py").write_text(FAKE_CLOCK, encoding="utf-8")
    env = dict(os.environ)
    env.update(
        PYTHONPATH=os.pathsep.join(filter(None, [str(folder), env.get("PYTHONPATH", "")])),
        PYTHONHASHSEED="12345",
        TZ="Asia/Almaty",
    )
    return env


@pytest.fixture(scope="module")
def second_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    clock = tmp_path_factory.mktemp("clock")
    env = shifted_environment(clock)
    project = copy_project(tmp_path_factory.mktemp("second-project-in-another-folder"))
    site = tmp_path_factory.mktemp("second-site")
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)  # build_site passes os.environ on to the build
    try:
        result = build_site(project, site)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_fake_clock_really_moves_the_clock(tmp_path: Path) -> None:
    env = shifted_environment(tmp_path)
    code = "import datetime, time; print(int(time.time()), int(datetime.datetime.now().timestamp()))"
    printed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    now = int(time.time())
    for value in map(int, printed.stdout.split()):
        assert abs(value - now - SHIFT_SECONDS) < 60, printed.stdout


def test_two_builds_are_byte_identical(built_site: Path, second_build: Path) -> None:
    first, second = tree(built_site), tree(second_build)
    tally.record("reproducible: files in site/", len(first))
    tally.record("reproducible: tree hash, first build", tree_hash(first))
    tally.record("reproducible: tree hash, second build (other folder, clock +400 days)", tree_hash(second))
    assert sorted(first) == sorted(second), set(first) ^ set(second)
    differing = sorted(name for name in first if first[name] != second[name])
    assert differing == []
    assert tree_hash(first) == tree_hash(second)


def test_the_sitemap_carries_no_build_time(built_site: Path) -> None:
    raw = (built_site / "sitemap.xml.gz").read_bytes()
    (mtime,) = struct.unpack("<I", raw[4:8])  # RFC 1952: MTIME, the 4 bytes after ID1 ID2 CM FLG
    assert mtime == int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    assert gzip.decompress(raw) == (built_site / "sitemap.xml").read_bytes()


def test_the_search_index_is_identical_in_both_builds(built_site: Path, second_build: Path) -> None:
    bundle = sorted(p.relative_to(built_site) for p in (built_site / "pagefind").rglob("*") if p.is_file())
    assert bundle and all((built_site / p).read_bytes() == (second_build / p).read_bytes() for p in bundle)
