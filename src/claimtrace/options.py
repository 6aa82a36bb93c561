"""One options object shared by the Python API and the CLI (trafilatura's Extractor)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Options:
    max_size_mb: float = 50.0  # larger inputs are rejected, not read
    languages: frozenset[str] = field(default_factory=lambda: frozenset({"en"}))  # ISO 639-1 codes analysed
    near_duplicate_threshold: float = 0.8  # estimated Jaccard similarity for a near-duplicate segment
    batch_size: int = 16  # documents parsed together by spaCy
    progress: bool = True  # show a progress bar on the terminal
    workers: int = 0  # analyse on a local Dask cluster of this many worker processes (0: in this process)
    scheduler: str | None = None  # or on the Dask cluster of the scheduler at this address ("tcp://host:8786")
    # link every this many stored documents into the corpus during a run (0: once, at the end): memory stays
    # bounded by what one step reads, not by the corpus, and an interrupted run keeps what it linked
    link_every: int = 1000

    @property
    def max_size_bytes(self) -> int:
        return int(self.max_size_mb * 1024 * 1024)
