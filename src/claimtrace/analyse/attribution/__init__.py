"""Layer 1: attributions (SOURCE + CUE + CONTENT), from quotes and from the parse."""

from claimtrace.analyse.attribution.stage import find_attributions

__all__ = ["find_attributions"]
