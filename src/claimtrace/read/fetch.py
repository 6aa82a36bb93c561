"""HTTP(S) downloads for feeds and the article pages they link: conditional, time-limited, size-limited.

A feed is fetched with the ETag and Last-Modified its server gave last time, so
an unchanged feed costs one 304 answer. Anything that goes wrong (no such host,
refused, timeout, HTTP error, too large) raises InputRejected with a one-line
reason (E030, E004); it never hangs the caller longer than the timeout per
network operation.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from claimtrace import __version__
from claimtrace.errors import InputRejected, Messages

USER_AGENT = f"claimtrace/{__version__}"


@dataclass(frozen=True, slots=True)
class Fetched:
    """One answer: the body (None when the server said 304 Not Modified) and its validators."""

    url: str  # after redirects
    body: bytes | None
    etag: str | None = None
    last_modified: str | None = None
    charset: str | None = None  # from the Content-Type header

    @property
    def not_modified(self) -> bool:
        return self.body is None


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How long to wait for each network operation and how much to read."""

    timeout: float = 20.0
    max_bytes: int = 50 * 1024 * 1024


def fetch(url: str, limits: FetchLimits, etag: str | None = None, last_modified: str | None = None) -> Fetched:
    """GET `url`, conditional on the validators given; raises InputRejected (E030, E004)."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise InputRejected(Messages.E030.format(url=url, detail="only http and https URLs can be fetched"))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    if etag:
        request.add_header("If-None-Match", etag)
    if last_modified:
        request.add_header("If-Modified-Since", last_modified)
    try:
        with urllib.request.urlopen(request, timeout=limits.timeout) as response:
            body = response.read(limits.max_bytes + 1)
            headers: Message = response.headers
            final_url = response.geturl()
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(url, None, etag, last_modified)
        raise InputRejected(Messages.E030.format(url=url, detail=f"HTTP {error.code} {error.reason}")) from None
    except urllib.error.URLError as error:
        raise InputRejected(Messages.E030.format(url=url, detail=_reason(error.reason))) from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise InputRejected(Messages.E030.format(url=url, detail=_reason(error))) from None
    if len(body) > limits.max_bytes:
        raise InputRejected(Messages.E004.format(origin=url, size_mb=len(body) / 2**20,
                                                 limit_mb=limits.max_bytes / 2**20))
    return Fetched(final_url, body, headers.get("ETag"), headers.get("Last-Modified"), headers.get_content_charset())


def _reason(error: BaseException | str) -> str:
    """A short, one-line reason for a network failure."""
    if isinstance(error, str):
        return error
    if isinstance(error, TimeoutError):
        return "timed out"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return " ".join(str(error).split()) or type(error).__name__
