"""What every request of one server shares: the warehouse, the app store, the metric catalog."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from fastapi import Request

from dental_analytics.api.catalog import Catalog
from dental_analytics.api.ratelimit import RateLimiter
from dental_analytics.api.store import AppStore
from dental_analytics.api.warehouse import Warehouse


@dataclass
class ApiContext:
    warehouse: Warehouse
    store: AppStore
    catalog: Catalog
    limiter: RateLimiter
    _key_uses: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def note_key_use(self, prefix: str) -> None:
        """Record when a key was last used (at most once a minute per key: cheap per request)."""
        now = time.monotonic()
        with self._lock:
            if now - self._key_uses.get(prefix, -1e9) < 60:
                return
            self._key_uses[prefix] = now
        self.store.touch_key(prefix)

    def close(self) -> None:
        self.warehouse.close()
        self.store.close()


def context(request: Request) -> ApiContext:
    ctx: ApiContext = request.app.state.context
    return ctx
