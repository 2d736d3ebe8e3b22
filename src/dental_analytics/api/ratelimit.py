"""A rate limit per caller, in memory (one server process)."""

from __future__ import annotations

import threading
import time


class RateLimiter:
    """A token bucket per caller: `per_minute` requests a minute on average, bursts of a tenth
    of that (at least 20); 0 turns it off."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.capacity = max(20.0, per_minute / 10)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, ident: str) -> float:
        """0 if the call may go ahead (and counts it), else the seconds until it may."""
        if self.per_minute <= 0:
            return 0.0
        rate = self.per_minute / 60
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(ident, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * rate)
            if tokens < 1:
                self._buckets[ident] = (tokens, now)
                return (1 - tokens) / rate
            self._buckets[ident] = (tokens - 1, now)
            return 0.0
