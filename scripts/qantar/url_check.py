"""`qantar check-urls`: do the sources' addresses still answer? Dead ones are reported with their archived copy."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from .model import Source

USER_AGENT = "QantarClaims-link-check/1.0 (+https://github.com/qantar-claims)"


@dataclass
class UrlStatus:
    source: Source
    status: str  # "ok" or what went wrong
    alive: bool


def check_url(url: str, timeout: float) -> tuple[bool, str]:
    """Ask for the page (HEAD, then GET when HEAD is refused); return whether it answered, and how."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, validated
                return True, f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in {403, 405, 501}:
                continue
            return False, f"HTTP {error.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            return False, f"no answer ({reason})"
    return False, "no answer"


def check_sources(sources: list[Source], timeout: float = 15.0) -> list[UrlStatus]:
    results = []
    for source in sorted(sources, key=lambda s: s.id):
        alive, status = check_url(source.url, timeout)
        results.append(UrlStatus(source, status, alive))
    return results
