"""Fault injection for the distributed-ingest tests: inputs that kill the worker reading or analysing them.

A crash inside a C extension (a parser segfault, the kernel's OOM killer) ends a
worker process with no Python exception to catch. :class:`DeadlyInputs` stands
for one: registered on a cluster, it makes every worker end at once (``os._exit``)
when it reads a file whose name holds ``DEADLY_NAME``, or analyses a document
whose text holds ``MARKER`` (through an extra first analysis stage). Workers
import this module by name, so it must stay importable as ``tests.scale.faults``.
"""

from __future__ import annotations

import os
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

MARKER = "Operation Glass Heron"
DEADLY_NAME = "kills-its-reader"
EXIT_CODE = 71


def _die_on_marker(analysis: Any) -> Any:
    if MARKER in analysis.document.text:
        os._exit(EXIT_CODE)
    return analysis


class DeadlyInputs(WorkerPlugin):
    """Every worker (and every worker started after a death) dies on the inputs the module names."""

    name = "claimtrace-test-deadly-inputs"

    def setup(self, worker: object) -> None:
        from claimtrace import batch
        from claimtrace.analyse import pipeline

        self._originals = (pipeline.default_stages, batch.read_batch)
        stages, read_batch = self._originals
        pipeline.default_stages = lambda: [pipeline.Stage("deadly", _die_on_marker), *stages()]

        def read_or_die(input_batch: Any, options: Any) -> Any:
            if any(DEADLY_NAME in part.path.name for part in input_batch.parts):
                os._exit(EXIT_CODE)
            return read_batch(input_batch, options)

        batch.read_batch = read_or_die

    def teardown(self, worker: object) -> None:
        from claimtrace import batch
        from claimtrace.analyse import pipeline

        pipeline.default_stages, batch.read_batch = self._originals
