"""Who may read the pages: anyone on this machine, or whoever holds the token when served elsewhere.

Bound to a loopback address the app needs no token (unless one is given).
Bound to any other address it refuses to start without one, and every request
must carry it: as ``?token=`` (the first visit; a cookie then keeps it), as
the ``X-Claimtrace-Token`` header, or as the ``claimtrace_token`` cookie.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

TOKEN_QUERY = "token"
TOKEN_HEADER = "x-claimtrace-token"
TOKEN_COOKIE = "claimtrace_token"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})

# Pages need nothing from elsewhere; a script that slipped through escaping would still not run inline.
SECURITY_HEADERS = {
    "content-security-policy": ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}

Handler = Callable[[Request], Awaitable[Response]]


class TokenRequired(ValueError):
    """Serving on a non-loopback address without a token."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_binding(host: str, token: str | None) -> None:
    """Refuse to serve beyond this machine without a token."""
    if not is_loopback(host) and not token:
        raise TokenRequired(f"serving on {host!r} (not a loopback address) needs a token: "
                            f"add --token SECRET, or bind to 127.0.0.1")


def presented_token(request: Request) -> str | None:
    return (request.query_params.get(TOKEN_QUERY) or request.headers.get(TOKEN_HEADER)
            or request.cookies.get(TOKEN_COOKIE))


def token_guard(token: str | None) -> Callable[[Request, Handler], Awaitable[Response]]:
    """HTTP middleware: reject requests without the token (403), add the security headers to every answer."""

    async def guard(request: Request, call_next: Handler) -> Response:
        if token is not None:
            given = presented_token(request)
            if given is None or not secrets.compare_digest(given.encode(), token.encode()):
                response: Response = PlainTextResponse("403 forbidden: this claimtrace server needs its token "
                                                       "(?token=...)", status_code=403)
                response.headers.update(SECURITY_HEADERS)
                return response
        response = await call_next(request)
        if token is not None and request.query_params.get(TOKEN_QUERY):
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        response.headers.update(SECURITY_HEADERS)
        return response

    return guard
