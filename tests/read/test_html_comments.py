from __future__ import annotations

import lxml.html
import pytest

from claimtrace.read.html_comments import HtmlComment, find_comments, render_comments

from .pages import TYPEPAD_PAGE, WORDPRESS_PAGE

DISCUSSION_BOARD = """<html><body><p>Main text of the page about the new lighthouse keeper.</p>
<div class="comments">
 <div class="comment">
  <span class="username">keeper_fan</span> <span class="comment-date">12.05.2022, 14:03</span>
  <div class="comment-text">About time they hired someone.</div>
 </div>
 <div class="comment">
  <div class="comment-text">A comment whose author box is missing.</div>
 </div>
 <div class="comment">
  <span class="username">Ruth</span>
  <div class="comment-text">No date shown on this one.</div>
 </div>
</div></body></html>"""


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            WORDPRESS_PAGE,
            [
                ("Tomasz Wrona", "March 14, 2021 at 11:02 am"),
                ("Ines", "March 15, 2021 at 8:45 am"),
                ("Piet de Vries", "2021-03-16T19:20:00+00:00"),
            ],
        ),
        (TYPEPAD_PAGE, [("harbour watcher", "Apr 2 2021 11:40 utc"), ("Olu", "Apr 3 2021 7:05 utc")]),
        (DISCUSSION_BOARD, [("keeper_fan", "12.05.2022, 14:03"), ("Ruth", None)]),
        ("<html><body><p>No comments on this page.</p></body></html>", []),
    ],
)
def test_find_comments_reads_author_and_date_of_each_comment(page: str, expected: list[tuple[str, str | None]]) -> None:
    comments = find_comments(lxml.html.fromstring(page))
    assert [(c.author, c.when) for c in comments] == expected


def test_find_comments_keeps_paragraphs_of_a_comment() -> None:
    comments = find_comments(lxml.html.fromstring(WORDPRESS_PAGE))
    assert comments[1].body == (
        "My cousin works on the quay and says the foundations are not even poured.\n\n"
        "So the manufacturer is not the only one to blame."
    )


def test_render_comments_writes_footer_after_each_body() -> None:
    rendered = render_comments([HtmlComment("Ruth", "First.\n\nSecond."), HtmlComment("Bo", "Third.", "May 1, 2020")])
    assert rendered == "Comments\n\nFirst.\n\nSecond.\n\nPosted by: Ruth\n\nThird.\n\nPosted by: Bo | May 1, 2020"
