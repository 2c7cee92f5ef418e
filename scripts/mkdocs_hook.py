"""The thin glue between MkDocs and the engine: regenerate the pages before every build.

`mkdocs build` and `mkdocs serve` call on_pre_build; `watch:` in mkdocs.yml makes serve rebuild
when a record changes. Engines that ignore hooks (Zensical) run `qantar generate` first instead.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError  # noqa: E402

from qantar import offline  # noqa: E402
from qantar.build import generate  # noqa: E402
from qantar.config import load_settings  # noqa: E402

_command = ""  # what the engine was asked to do: build, serve, gh-deploy


def on_startup(command, dirty, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    """Note the command; builds started from here (the offline copy's) get the same quiet environment."""
    global _command
    _command = command
    os.environ.update(offline.engine_environment())


class _DirtyBuildNotice(logging.Filter):
    """`qantar serve` asks MkDocs for dirty rebuilds on purpose (the engine rewrites exactly the pages that changed,
    so they are complete); MkDocs' warning that they may be inaccurate would only alarm an editor."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


_build_log = logging.getLogger("mkdocs.commands.build")
if not any(isinstance(f, _DirtyBuildNotice) for f in _build_log.filters):
    _build_log.addFilter(_DirtyBuildNotice())


def on_config(config, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    """Give MkDocs the site's address when the deploy knows it (canonical links, sitemap); make the build
    reproducible: the same records give the same bytes, whatever the day or the clock.

    MkDocs stamps the build time into sitemap.xml (<lastmod>, once site_url is set) and into the gzip header
    of sitemap.xml.gz, unless SOURCE_DATE_EPOCH is set (https://reproducible-builds.org/specs/source-date-epoch/).
    Left unset, it is set to 0 here: gzip's "no time stamp". A publisher that wants dated sitemap entries sets
    it to the commit's time, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct).
    """
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    site_url = load_settings(Path(config.config_file_path).resolve().parent).site_url
    if site_url and not config.site_url:  # the address the deploy gives (QANTAR_SITE_URL): canonical links, sitemap
        config.site_url = site_url
    return config


def on_pre_build(config, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    if os.environ.get("QANTAR_ENGINE_DONE") == "1":
        os.environ["QANTAR_ENGINE_DONE"] = "0"  # the CLI generated just now; later rebuilds (serve) regenerate
        return
    root = Path(config.config_file_path).resolve().parent
    result = generate(load_settings(root))
    if not result.ok:
        raise PluginError("the records have problems; nothing was published:\n" + result.problems.report())


def on_post_build(config, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    """After a build (not under serve), add the offline copy the data page links to, whoever started the build:
    `qantar build`, a plain `mkdocs build`, or ProperDocs. The copy is built by the same engine."""
    root = Path(config.config_file_path).resolve().parent
    if _command not in {"build", "gh-deploy"} or not offline.wanted(load_settings(root).offline_copy):
        return
    engine = sys.modules["mkdocs"].__name__  # "properdocs" when ProperDocs runs (it aliases mkdocs.* to itself)
    try:
        target = offline.add_offline_copy(root, Path(config.site_dir), engine=engine)
    except offline.OfflineBuildError as error:
        raise PluginError(f"the site is built, but its offline copy is not:\n{error}") from error
    logging.getLogger("mkdocs.hooks.qantar").info("offline copy: %s", target)
