"""Report answers cached by build, parameters, clinics and scope: bounded, and emptied of old
builds when a new one arrives."""

from __future__ import annotations

from dental_analytics.api.cache import Answer, ResponseCache, etag


def _answer(size: int) -> Answer:
    return Answer(b"x" * size, "application/json")


def test_an_answer_is_found_by_its_whole_key_only() -> None:
    cache = ResponseCache()
    key = ("build-a", "/api/reports/ar", None, "reports")
    cache.put(key, _answer(3))
    assert cache.get(key) == _answer(3)
    assert cache.get(("build-a", "/api/reports/ar", None, "phi")) is None
    assert cache.get(("build-a", "/api/reports/ar", (1,), "reports")) is None
    assert (cache.hits, cache.misses) == (1, 2)


def test_the_etag_is_the_keys_and_differs_with_any_part_of_it() -> None:
    assert etag(("b", 1)) == etag(("b", 1))
    assert etag(("b", 1)) != etag(("b", 2)) != etag(("c", 1))
    assert etag(("b", 1)).startswith('"') and etag(("b", 1)).endswith('"')


def test_least_recently_used_answers_go_first_past_the_bound() -> None:
    cache = ResponseCache(max_bytes=10)
    cache.put(("b", 1), _answer(4))
    cache.put(("b", 2), _answer(4))
    assert cache.get(("b", 1)) is not None  # 1 is now the most recently used
    cache.put(("b", 3), _answer(4))
    assert cache.get(("b", 2)) is None
    assert cache.get(("b", 1)) is not None and cache.get(("b", 3)) is not None
    cache.put(("b", 4), _answer(11))  # larger than the whole cache: not kept
    assert cache.get(("b", 4)) is None


def test_a_new_build_drops_all_but_the_build_it_replaces() -> None:
    cache = ResponseCache()
    cache.put(("a", 1), _answer(1))
    cache.put(("b", 1), _answer(1))  # b replaces a; a request still on a may finish
    assert cache.get(("a", 1)) is not None
    cache.put(("c", 1), _answer(1))
    assert cache.get(("a", 1)) is None
    assert cache.get(("b", 1)) is not None and cache.get(("c", 1)) is not None
