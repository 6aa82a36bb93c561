"""Plain text from HTML elements, one paragraph per block, blocks separated by a blank line."""

from __future__ import annotations

import re

from lxml import etree

BLOCK_SEPARATOR = "\n\n"
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]*\n[ \t\u00a0\u2009\u202f]*|[ \t\r\f\v]+")
_HTML_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "figcaption"}
_LINE_BREAKS = {"lb", "br"}  # trafilatura's XML writes <lb/> where the page had <br>


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def inline_text(element: etree._Element) -> str:
    """The text of `element` and its descendants, a line break for each <br>/<lb>, spaces squeezed."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if _tag(node) in _LINE_BREAKS:
            parts.append("\n")
        elif isinstance(node.tag, str) and _tag(node) not in {"script", "style"}:
            parts.append(node.text or "")
            for child in node:
                walk(child)
                parts.append(child.tail or "")

    walk(element)
    text = "".join(parts)
    text = _SPACES.sub(lambda m: "\n" if "\n" in m.group() else " ", text)
    return text.strip()


def extracted_blocks(body: etree._Element) -> list[str]:
    """Paragraphs of a trafilatura output body (<p>, <head>, <list>, <quote>, <table>)."""
    blocks: list[str] = []
    for child in body:
        tag = _tag(child)
        if tag in {"quote", "div", "body"}:
            blocks.extend(extracted_blocks(child) or [inline_text(child)])
        elif tag == "list":
            items = [inline_text(item) for item in child if _tag(item) == "item"]
            blocks.append("\n".join(item for item in items if item))
        elif tag == "table":
            rows = [" | ".join(inline_text(cell) for cell in row) for row in child if _tag(row) == "row"]
            blocks.append("\n".join(row for row in rows if row.strip(" |")))
        else:
            blocks.append(inline_text(child))
    return [block for block in blocks if block]


def html_blocks(element: etree._Element) -> list[str]:
    """Paragraphs of raw HTML: each innermost block element (<p>, <li>, headings ...), else the whole text."""
    blocks = []
    for node in element.iter():
        if _tag(node) in _HTML_BLOCKS and not any(_tag(inner) in _HTML_BLOCKS for inner in node.iterdescendants()):
            text = inline_text(node)
            if text:
                blocks.append(text)
    if not blocks:
        text = inline_text(element)
        return [text] if text else []
    return blocks


def join_blocks(blocks: list[str]) -> str:
    return BLOCK_SEPARATOR.join(block for block in blocks if block)
