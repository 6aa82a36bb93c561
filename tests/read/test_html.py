from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimtrace.model import Document, Rejection
from claimtrace.options import Options
from claimtrace.read.html import declared_charset, html_document

from .pages import ARTICLE_PARAGRAPHS, TYPEPAD_PAGE, WORDPRESS_PAGE


def test_html_document_takes_text_and_metadata_from_a_full_page(options: Options) -> None:
    document = html_document(WORDPRESS_PAGE, "cranes", "cranes.html", options)
    assert document.text.startswith("Harbour cranes delayed again\n\n" + ARTICLE_PARAGRAPHS[0] + "\n\n")
    assert "\n\n".join(ARTICLE_PARAGRAPHS) in document.text
    assert (document.title, document.author, document.published, document.outlet) == (
        "Harbour cranes delayed again",
        "Mara Velinova",
        "2021-03-14",
        "The Quay Gazette",
    )
    assert document.url == "https://gazette.example.org/2021/03/cranes-delayed/"
    assert (document.format, document.language, document.status) == ("html", "en", "analysed")
    assert "Home | Port" not in document.text and "Leave a Reply" not in document.text


@pytest.mark.parametrize("published", ["1987-06-02", "1994-12-31", "2021-03-14"])
def test_html_document_keeps_the_publication_date_of_an_archived_page(options: Options, published: str) -> None:
    page = WORDPRESS_PAGE.replace("2021-03-14T09:30:00+00:00", f"{published}T09:30:00+00:00")
    assert html_document(page, "cranes", "cranes.html", options).published == published


@pytest.mark.parametrize(
    ("page", "footers"),
    [
        (
            WORDPRESS_PAGE,
            [
                "Posted by: Tomasz Wrona | March 14, 2021 at 11:02 am",
                "Posted by: Ines | March 15, 2021 at 8:45 am",
                "Posted by: Piet de Vries | 2021-03-16T19:20:00+00:00",
            ],
        ),
        (TYPEPAD_PAGE, ["Posted by: harbour watcher | Apr 2 2021 11:40 utc", "Posted by: Olu | Apr 3 2021 7:05 utc"]),
    ],
)
def test_html_document_keeps_reader_comments_with_author_and_date(
    options: Options, page: str, footers: list[str]
) -> None:
    text = html_document(page, "page", "page.html", options).text
    thread = text[text.index("\n\nComments\n\n") :]
    assert [line for line in thread.splitlines() if line.startswith("Posted by:")] == footers


@pytest.mark.parametrize("cut", [0.95, 0.8, 0.6, 0.45, 0.35])
def test_html_document_reads_what_a_truncated_page_holds(options: Options, cut: float) -> None:
    page = WORDPRESS_PAGE[: int(len(WORDPRESS_PAGE) * cut)]
    document = html_document(page, "cut", "cut.html", options)
    assert document.text.startswith("Harbour cranes delayed again")
    assert ARTICLE_PARAGRAPHS[0][:60] in document.text


@pytest.mark.parametrize(
    "page",
    [
        WORDPRESS_PAGE[:300],  # cut inside <head>
        "<html><body><div><span></span></div></body></html>",
        "<<<>>></p></div><",
        "",
        "<?xml version='1.0' encoding='utf-8'?><html><body></body></html>",
    ],
)
def test_html_document_rejects_page_without_text(options: Options, page: str) -> None:
    from claimtrace.errors import InputRejected

    with pytest.raises(InputRejected, match="no main text: empty.html"):
        html_document(page, "empty", "empty.html", options)


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="windows-1251">', "windows-1251"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "ISO-8859-1"),
        (b"<title>none</title>", None),
    ],
)
def test_declared_charset_reads_meta_tag(head: bytes, charset: str | None) -> None:
    assert declared_charset(b"<html><head>" + head + b"</head>") == charset


def test_read_inputs_reads_html_file_in_declared_encoding(
    write_file: Callable[[str, bytes | str], Path], read_one: Callable[..., Document | Rejection]
) -> None:
    text = "Паром снова ходит по расписанию после ремонта двигателя, сообщил капитан."
    page = f'<html><head><meta charset="windows-1251"><title>Паром</title></head><body><p>{text}</p></body></html>'
    document = read_one(write_file("ferry.html", page.encode("cp1251")))
    assert isinstance(document, Document)
    assert text in document.text
    assert document.status == "not analysed: language not supported (ru)"


def test_read_inputs_rejects_truncated_html_file_without_text(
    write_file: Callable[[str, bytes | str], Path], read_one: Callable[..., Document | Rejection]
) -> None:
    path = write_file("stub.htm", WORDPRESS_PAGE[:250])
    rejection = read_one(path)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == f"no main text: {path} is HTML but no article text could be extracted from it"


@pytest.mark.parametrize(
    ("page", "comments"),
    [
        (
            WORDPRESS_PAGE,
            [("Tomasz Wrona", "2021-03-14T11:02"), ("Ines", "2021-03-15T08:45"), ("Piet de Vries", "2021-03-16T19:20")],
        ),
        (TYPEPAD_PAGE, [("harbour watcher", "2021-04-02T11:40"), ("Olu", "2021-04-03T07:05")]),
    ],
)
def test_html_document_comments_become_comment_segments(
    options: Options, page: str, comments: list[tuple[str, str]]
) -> None:
    from claimtrace.segment import split_segments

    document = html_document(page, "page", "page.html", options)
    segments = split_segments(document)
    assert [s.kind for s in segments] == ["article"] + ["comment"] * len(comments)
    assert [(s.author, s.published) for s in segments[1:]] == comments
    assert document.text[segments[0].start : segments[0].end].endswith(ARTICLE_PARAGRAPHS[2])
