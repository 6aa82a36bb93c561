"""Hypothesis strategies for malformed inputs: what a scraper, a broken disk or a wrong export leaves in a folder.

Each strategy gives ``(suffix, bytes)``. The kinds: random bytes, text with
truncated or invalid UTF-8, NUL bytes, broken HTML, huge single lines, bad
JSON Lines, empty and blank files, one format's content under another's
suffix, and suffixes claimtrace does not read.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

SUFFIXES = [".txt", ".md", ".html", ".htm", ".jsonl", ".TXT", ".Html"]
UNSUPPORTED = [".pdf", ".docx", ".xml", ".csv", ""]
WORDS = ["Armenia", "Georgia", "delivered", "denied", "howitzers", "drones", "the", "ministry", "said", "on",
         "Tuesday", "officials", "to", "in", "May", "2023", "according", "sources", "a", "deal", "«", "»", "“", "”",
         "don’t", "—", "ß", "ünïcödé", "中文", "Русский", "\u200b", "\u00a0", "\t", "\r\n", "\n\n"]
TAGS = ["<html>", "<head>", "<title>", "</title>", "<body>", "<p>", "</p>", "<div class='x'>", "</div>", "<script>",
        "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#x0;", "&nbsp", "<br/>", "<a href=",
        "<meta charset='klingon'>", "<?xml version='1.0' encoding='utf-16'?>", "<article>", "<p", ">", "</", "\"",
        "<li>Posted by: ", " | March 3, 2024", "<iframe src='x'>"]

prose = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join)
suffix = st.sampled_from(SUFFIXES)


@st.composite
def _random_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    return draw(suffix), draw(st.binary(max_size=1500))


@st.composite
def _broken_utf8(draw: st.DrawFn) -> tuple[str, bytes]:
    data = draw(prose).encode("utf-8")
    cut = draw(st.integers(0, len(data)))
    junk = draw(st.sampled_from([b"", b"\xff", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80",
                                 b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb"]))
    return draw(suffix), data[:cut] + junk + data[cut:cut + draw(st.integers(0, 200))]


@st.composite
def _with_nul_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    text = draw(prose)
    spots = draw(st.lists(st.integers(0, len(text)), min_size=1, max_size=20))
    for spot in sorted(spots, reverse=True):
        text = text[:spot] + "\0" + text[spot:]
    return draw(suffix), text.encode(draw(st.sampled_from(["utf-8", "utf-16-le", "utf-16"])))


@st.composite
def _broken_html(draw: st.DrawFn) -> tuple[str, bytes]:
    page = " ".join(draw(st.lists(st.sampled_from(TAGS + WORDS), max_size=80)))
    page = page[:draw(st.integers(0, len(page)))]  # truncated anywhere
    return draw(st.sampled_from([".html", ".htm", ".txt"])), page.encode("utf-8", "surrogatepass")


@st.composite
def _huge_line(draw: st.DrawFn) -> tuple[str, bytes]:
    unit = draw(st.sampled_from(["x", "ab ", "<p>", "<div>", "{\"text\": ", "[", "=", "\u00e9\u00e8", "word "]))
    return draw(suffix), (unit * draw(st.integers(5_000, 40_000))).encode("utf-8")


JSON_LINES = [b"", b"   ", b"null", b"[]", b"42", b'"text"', b"{", b'{"text": ', b'{"text": null}', b'{"text": 7}',
              b'{"text": ""}', b'{"text": "   "}', b'{"title": "no text"}', b'{"text": ["a"]}', b"\xff\xfe{}",
              b'{"text": "\\ud800"}', b'{"text": "ok", "published": "tomorrow", "id": {"a": 1}}', b"\x00\x00"]


@st.composite
def _bad_jsonl(draw: st.DrawFn) -> tuple[str, bytes]:
    records = draw(st.lists(st.one_of(
        st.sampled_from(JSON_LINES),
        st.sampled_from(WORDS).map(lambda word: json.dumps({"text": f"{word} said so."}).encode("utf-8")),
        st.binary(max_size=80).map(lambda line: line.replace(b"\n", b""))), max_size=12))
    return ".jsonl", b"\n".join(records) + draw(st.sampled_from([b"", b"\n", b"\r\n"]))


@st.composite
def _empty(draw: st.DrawFn) -> tuple[str, bytes]:
    return draw(suffix), draw(st.sampled_from([b"", b" ", b"\n\n\n", b"\t \r\n", b"\xef\xbb\xbf", b"\xff\xfe"]))


@st.composite
def _wrong_suffix(draw: st.DrawFn) -> tuple[str, bytes]:
    content = draw(st.sampled_from([
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"PK\x03\x04\x14\x00",
        b'{"text": "Armenia denied the report."}\n', b"<html><body><p>Georgia said so.</p></body></html>",
        b"GIF89a\x01\x00\x01\x00", b"\x1f\x8b\x08\x00"]))
    return draw(st.sampled_from(SUFFIXES + UNSUPPORTED)), content


# Kinds by weight: huge lines cost the readers most time (trafilatura), so they are one input in 44.
_KINDS = [(_random_bytes(), 12), (_broken_utf8(), 6), (_with_nul_bytes(), 6), (_broken_html(), 8),
          (_huge_line(), 1), (_bad_jsonl(), 5), (_empty(), 2), (_wrong_suffix(), 4)]
malformed_input = st.sampled_from([kind for kind, weight in _KINDS for _ in range(weight)]).flatmap(lambda kind: kind)
