"""Report answers kept in memory, per build.

A report's answer is fully decided by its route, its parameters (with defaults filled in), the
caller's clinics and scope, and the build it is read from: that tuple is the cache key, and its
hash the answer's ETag, so a browser that already holds the answer gets a 304 without the answer
being made or even kept. A new build empties the cache (its answers' keys name the old build).
Work lists are never cached: each of their requests reads the warehouse and writes an audit row.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from importlib.metadata import version

from starlette.responses import Response

DEFAULT_CACHE_MB = 64
_CODE_VERSION = version("dental-analytics")  # a new release may answer differently

CacheKey = tuple[object, ...]


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...] = ()

    def response(self, headers: dict[str, str] | None = None) -> Response:
        return Response(
            self.body, media_type=self.media_type, headers={**(headers or {}), **dict(self.headers)}
        )


def etag(key: CacheKey) -> str:
    digest = hashlib.sha256(repr((_CODE_VERSION, key)).encode()).hexdigest()[:32]
    return f'"{digest}"'


class ResponseCache:
    """Least recently used answers up to `max_bytes`. A key's first item is its build id; when
    a new build shows up, answers of builds before the one it replaces are dropped (requests
    that started on the replaced build may still be finishing, and their answers stay right)."""

    def __init__(self, max_bytes: int = DEFAULT_CACHE_MB * 2**20) -> None:
        self.max_bytes = max_bytes
        self._answers: OrderedDict[CacheKey, Answer] = OrderedDict()
        self._bytes = 0
        self._builds: list[object] = []  # the newest build seen first, then the one before
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: CacheKey) -> Answer | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is None:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return answer

    def put(self, key: CacheKey, answer: Answer) -> None:
        if len(answer.body) > self.max_bytes:
            return
        with self._lock:
            self._see(key[0])
            if key[0] not in self._builds:
                return  # from a build older than the two kept
            old = self._answers.pop(key, None)
            self._bytes += len(answer.body) - (len(old.body) if old else 0)
            self._answers[key] = answer
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._answers)))

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self._bytes = 0

    def _see(self, build: object) -> None:
        if build in self._builds:
            return
        self._builds = [build, *self._builds[:1]]
        for key in [k for k in self._answers if k[0] not in self._builds]:
            self._drop(key)

    def _drop(self, key: CacheKey) -> None:
        self._bytes -= len(self._answers.pop(key).body)
