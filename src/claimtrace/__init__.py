"""claimtrace: who says what happened, who denies it, how firmly, and how far to trust it."""

from claimtrace.model import (
    Attribution,
    Contradiction,
    Document,
    EventClaim,
    Mention,
    Rejection,
    Segment,
    Story,
)

__version__ = "0.1.0"

__all__ = [
    "Attribution",
    "Contradiction",
    "Document",
    "EventClaim",
    "Mention",
    "Rejection",
    "Segment",
    "Story",
    "__version__",
]
