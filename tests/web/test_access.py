"""Loopback needs no token; any other binding needs one, and every request must then carry it."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from claimtrace.errors import StoreError
from claimtrace.web import ServeOptions, create_app
from claimtrace.web.access import TOKEN_COOKIE, TOKEN_HEADER, TokenRequired, is_loopback

TOKEN = "s3cret-token"


@pytest.mark.parametrize("host, expected", [
    ("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("192.168.1.20", False), ("::", False), ("example.org", False),
])
def test_access_is_loopback_knows_this_machine(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_access_other_hosts_refuse_to_start_without_a_token(example_store: Path, host: str) -> None:
    with pytest.raises(TokenRequired, match="--token"):
        create_app(ServeOptions(db_path=str(example_store), host=host))


def test_access_missing_store_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="claimtrace ingest"):
        create_app(ServeOptions(db_path=str(tmp_path / "absent.db")))


@pytest.fixture(scope="module")
def guarded_site(serve, example_store: Path) -> str:  # type: ignore[no-untyped-def]
    """A server configured for 0.0.0.0 with a token (the test itself listens on 127.0.0.1)."""
    return serve(example_store, host="0.0.0.0", token=TOKEN)


@pytest.mark.parametrize("path", ["/", "/register", "/register.csv", "/static/style.css", "/entity/country%3AMN"])
def test_access_without_token_is_forbidden(client: httpx.Client, guarded_site: str, path: str) -> None:
    response = client.get(guarded_site + path)
    assert response.status_code == 403
    assert "Mongolia" not in response.text


@pytest.mark.parametrize("how", ["query", "header", "cookie"])
def test_access_with_token_is_served(guarded_site: str, how: str) -> None:
    query = {"token": TOKEN} if how == "query" else {}
    headers = {TOKEN_HEADER: TOKEN} if how == "header" else {}
    cookies = {TOKEN_COOKIE: TOKEN} if how == "cookie" else {}
    with httpx.Client(cookies=cookies, timeout=30) as client:
        response = client.get(guarded_site + "/", params=query, headers=headers)
    assert response.status_code == 200
    assert "Most contested stories" in response.text


def test_access_query_token_is_kept_in_a_cookie_for_the_next_click(guarded_site: str) -> None:
    with httpx.Client(timeout=30) as browser:
        assert browser.get(guarded_site + "/", params={"token": TOKEN}).status_code == 200
        assert browser.get(guarded_site + "/register").status_code == 200


def test_access_wrong_token_is_forbidden(client: httpx.Client, guarded_site: str) -> None:
    assert client.get(guarded_site + "/", params={"token": TOKEN + "x"}).status_code == 403


@pytest.mark.parametrize("args, expected", [
    (["--host", "0.0.0.0"], "needs a token"),
    (["--db", "absent.db"], "claimtrace ingest"),
])
def test_access_serve_command_refuses_before_listening(tmp_path: Path, example_store: Path, args: list[str],
                                                       expected: str) -> None:
    from click.testing import CliRunner

    from claimtrace.cli import main

    db = ["--db", str(example_store)] if "--db" not in args else ["--db", str(tmp_path / "absent.db")]
    options = [arg for arg in args if arg not in ("--db", "absent.db")]
    result = CliRunner().invoke(main, ["serve", *options, *db])
    assert result.exit_code != 0
    assert expected in result.output
