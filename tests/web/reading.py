"""Reading served HTML the way a test needs: tags with attributes, links, visible text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser


class PageParser(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def links(html: str, prefix: str) -> list[str]:
    """The hrefs of a page that start with ``prefix``, in page order, without repeats."""
    found = [attrs.get("href") or "" for tag, attrs in parse(html).tags if tag == "a"]
    return list(dict.fromkeys(href for href in found if href.startswith(prefix)))


def page_text(html: str) -> str:
    return re.sub(r"\s+", " ", "".join(parse(html).text))


def data_block(html: str, block_id: str) -> object:
    """The JSON of a page's ``<script type="application/json" id="block_id">`` data block."""
    opening = f'<script type="application/json" id="{block_id}">'
    start = html.index(opening) + len(opening)
    return json.loads(html[start:html.index("</script>", start)])
