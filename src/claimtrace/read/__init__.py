"""Reading: input files and folders become Documents (text exactly as read, metadata, language) or Rejections.

Entry point: :func:`read_inputs`. Modules in the order a file goes through them:
``sources`` (walk, dispatch by suffix, size check) → ``decode`` (bytes to text)
→ ``text`` / ``html`` / ``jsonl`` (one per format) → ``document`` (``metadata``
from the text, ``language``).
"""

from claimtrace.read.sources import read_file, read_inputs

__all__ = ["read_file", "read_inputs"]
