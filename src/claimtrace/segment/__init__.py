"""Segmenting: a document becomes voices (the article, each reader comment), each checked for duplicates.

``comments.split_segments`` finds the comment thread (``markers`` holds the line
patterns); ``duplicates.DuplicateIndex`` links a segment to an earlier one with
the same or nearly the same text.
"""

from claimtrace.segment.comments import split_segments
from claimtrace.segment.duplicates import DuplicateIndex

__all__ = ["DuplicateIndex", "split_segments"]
