from __future__ import annotations

from collectief.lib.lru import LruCache


def test_builds_once_per_key_and_keeps_the_most_recent() -> None:
    built: list[str] = []
    cache: LruCache[str] = LruCache(2)

    def build(key: str):
        return lambda: built.append(key) or key.upper()

    assert cache.get_or_build("a", build("a")) == "A"
    assert cache.get_or_build("a", build("a")) == "A"
    cache.get_or_build("b", build("b"))
    cache.get_or_build("a", build("a"))  # "a" is now the most recent
    cache.get_or_build("c", build("c"))  # pushes out "b", the least recent
    cache.get_or_build("a", build("a"))
    cache.get_or_build("b", build("b"))
    assert built == ["a", "b", "c", "b"]
    assert len(cache) == 2
    cache.clear()
    assert len(cache) == 0
