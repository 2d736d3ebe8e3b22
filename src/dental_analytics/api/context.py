"""What every request of one server shares: the warehouse, the app store, the metric catalog."""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import contextmanager_in_threadpool

from dental_analytics.api.cache import ResponseCache
from dental_analytics.api.catalog import Catalog
from dental_analytics.api.ratelimit import RateLimiter
from dental_analytics.api.store import AppStore
from dental_analytics.api.warehouse import Snapshot, Warehouse


@dataclass
class ApiContext:
    warehouse: Warehouse
    store: AppStore
    catalog: Catalog
    limiter: RateLimiter
    cache: ResponseCache = field(default_factory=ResponseCache)
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


async def context(request: Request) -> ApiContext:
    # async: FastAPI runs a sync dependency in a worker thread, a hop this one does not need.
    ctx: ApiContext = request.app.state.context
    return ctx


async def snapshot(ctx: Annotated[ApiContext, Depends(context)]) -> AsyncIterator[Snapshot]:
    """The request's reads of the warehouse, all from one build (declared after the caller's
    dependency, so an unauthenticated request never opens one). A DuckDB snapshot is taken
    in the event loop (a stat and a lock: microseconds); a PostgreSQL one waits for the server,
    so it is taken and given back in a worker thread."""
    if ctx.warehouse.target.kind == "duckdb":
        with ctx.warehouse.snapshot() as db:
            yield db
    else:
        async with contextmanager_in_threadpool(ctx.warehouse.snapshot()) as db:
            yield db


Db = Annotated[Snapshot, Depends(snapshot)]
