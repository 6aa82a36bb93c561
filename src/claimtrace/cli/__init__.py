"""The ``claimtrace`` command line: a thin layer over the Python API.

:mod:`claimtrace.cli.base` holds the group and what commands share; each module
adds the commands of one part of the work: :mod:`~claimtrace.cli.corpus`
(reading documents in), :mod:`~claimtrace.cli.knowledge` (looking at the
knowledge base), :mod:`~claimtrace.cli.stance` and :mod:`~claimtrace.cli.outputs`
(the web app, reports and exports).
"""

from claimtrace.cli import corpus, knowledge, outputs, stance  # noqa: F401  (each registers its commands)
from claimtrace.cli.base import main

__all__ = ["main"]
