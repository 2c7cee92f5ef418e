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

from qantar.build import generate  # noqa: E402
from qantar.build_time import VARIABLE as SOURCE_DATE_EPOCH  # noqa: E402
from qantar.build_time import BuildTimeError, source_date_epoch  # noqa: E402
from qantar.config import load_settings  # noqa: E402
from qantar.output_folders import UnsafeOutput, check_docs_folder, check_site_folder  # noqa: E402
from qantar.publish import ForeignFiles, foreign_file_problems  # noqa: E402


class _DirtyBuildNotice(logging.Filter):
    """`qantar serve` asks MkDocs for dirty rebuilds on purpose (the engine rewrites exactly the pages that changed,
    so they are complete); MkDocs' warning that they may be inaccurate would only alarm an editor."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


_build_log = logging.getLogger("mkdocs.commands.build")
if not any(isinstance(f, _DirtyBuildNotice) for f in _build_log.filters):
    _build_log.addFilter(_DirtyBuildNotice())


def on_config(config, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    """Make the build reproducible: the same records give the same bytes, whatever the day or the clock.

    MkDocs stamps the build time into sitemap.xml (<lastmod>, once site_url is set) and into the gzip header
    of sitemap.xml.gz, unless SOURCE_DATE_EPOCH is set (https://reproducible-builds.org/specs/source-date-epoch/).
    Left unset, it is set to 0 here: gzip's "no time stamp". A publisher that wants dated sitemap entries sets
    it to the commit's time, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct).
    """
    try:
        os.environ[SOURCE_DATE_EPOCH] = source_date_epoch(os.environ.get(SOURCE_DATE_EPOCH))  # empty: unset
        settings = load_settings(Path(config.config_file_path).resolve().parent)
        check_docs_folder(settings)
        check_site_folder(settings, Path(config.site_dir), f"the site folder {config.site_dir}")
    except (BuildTimeError, UnsafeOutput) as error:
        raise PluginError(str(error)) from None
    return config


def on_pre_build(config, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    if os.environ.get("QANTAR_ENGINE_DONE") == "1":
        os.environ["QANTAR_ENGINE_DONE"] = "0"  # the CLI generated just now; later rebuilds (serve) regenerate
        return
    root = Path(config.config_file_path).resolve().parent
    settings = load_settings(root)
    try:
        result = generate(settings)
    except ForeignFiles as refusal:
        raise PluginError("nothing was published:\n" + foreign_file_problems(refusal, settings.docs).report()) \
            from None
    if not result.ok:
        raise PluginError("the records have problems; nothing was published:\n" + result.problems.report())
