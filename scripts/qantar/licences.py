"""Licences: under which terms the corpus's own records are published, and how to credit them.

The data licence and the attribution are settings (`data_license`, `attribution` in [tool.qantar]), so another
newsroom publishes its records under its own terms. The data page, `datapackage.json` and the `LICENSE.txt` in the
data folder are all written from the one `DataLicence` below. Source texts are not covered: each keeps its
publisher's rights, stated per source (`rights`, `license`) on its page and in `sources.json`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import Settings

# SPDX identifier -> (short name, title, the licence's own address). Any other SPDX identifier is stated as it is,
# with its page on spdx.org.
KNOWN_LICENCES = {
    "CC-BY-4.0": (
        "CC BY 4.0",
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC-BY-SA-4.0": (
        "CC BY-SA 4.0",
        "Creative Commons Attribution-ShareAlike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC0-1.0": ("CC0 1.0", "Creative Commons Zero 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": (
        "ODbL 1.0",
        "Open Data Commons Open Database License 1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
}
RECORD_KINDS = "claims, actors, events and contested questions"


@dataclass(frozen=True)
class DataLicence:
    """The licence of the records the editors write, and the credit line reusers give."""

    spdx: str
    short: str
    title: str
    url: str
    attribution: str  # who to credit, e.g. "Qantar Claims contributors, https://…"

    @property
    def covers(self) -> str:
        return RECORD_KINDS

    @property
    def credit(self) -> str:
        """The attribution line to copy: who, and under which licence."""
        return f"{self.attribution}, licensed under {self.short} ({self.url})"

    def package_entry(self) -> dict[str, str]:
        """The Frictionless Data Package `licenses` entry (name is the SPDX identifier)."""
        return {"name": self.spdx, "path": self.url, "title": self.title}

    def notice(self, site_name: str) -> str:
        """LICENSE.txt for the data folder (and the offline copy): what is licensed, how to credit, what is not."""
        return (
            f"{site_name}: open data\n\n"
            f"The records ({RECORD_KINDS}) and the files in this folder are published under the\n"
            f"{self.title} licence ({self.spdx}): {self.url}\n\n"
            f"Credit them as:\n    {self.credit}\n\n"
            "The quotes and the source texts are not covered: they remain the work of their publishers. A\n"
            "source's full text is republished only where its own licence allows it (sources.json: rights,\n"
            "license); other sources are quoted in excerpts only.\n"
        )


def data_licence(settings: Settings) -> DataLicence | None:
    """The data licence the settings name, or None when they name none."""
    spdx = settings.data_license
    if not spdx:
        return None
    short, title, url = KNOWN_LICENCES.get(spdx, (spdx, spdx, f"https://spdx.org/licenses/{spdx}.html"))
    return DataLicence(spdx, short, title, url, settings.attribution or settings.site_name)
