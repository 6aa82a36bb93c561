"""Layer 2: event claims (typed defence and security events with parties, time, polarity, certainty)."""

from claimtrace.analyse.events.stage import find_event_claims

__all__ = ["find_event_claims"]
