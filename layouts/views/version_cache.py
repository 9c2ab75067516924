"""A cache of what the newest store version shows, for functions whose first argument is a store version.

`functools.lru_cache` alone keeps the results of older versions until newer calls push them out: after an import and
a rollback, a server worker held three versions of every page, frame and figure (about 200 MiB more per worker in the
load test). `newest_version_cache(maxsize)` is an `lru_cache` that empties itself when a newer version is first asked
for; a call for an older version (a request still finishing while a new version lands) is answered without the cache.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Concatenate, Generic, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class NewestVersionCache(Generic[P, R]):
    """The cached function (see the module docstring); `cache_clear()` and `cache_info()` as lru_cache's."""

    def __init__(self, function: Callable[Concatenate[int, P], R], maxsize: int) -> None:
        self._function = function
        self._cached = functools.lru_cache(maxsize=maxsize)(function)
        self._newest = -1
        self._lock = threading.Lock()
        functools.update_wrapper(self, function)

    def __call__(self, version: int, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock:
            if version > self._newest:
                self._newest = version
                self._cached.cache_clear()
            older = version < self._newest
        if older:
            return self._function(version, *args, **kwargs)
        return self._cached(version, *args, **kwargs)  # type: ignore[arg-type]  # the arguments are hashable

    def cache_clear(self) -> None:
        """Forget every result and every version seen (a test that switches databases, whose versions start again)."""
        with self._lock:
            self._newest = -1
            self._cached.cache_clear()

    def cache_info(self) -> functools._CacheInfo:
        return self._cached.cache_info()


def newest_version_cache(maxsize: int) -> Callable[[Callable[Concatenate[int, P], R]], NewestVersionCache[P, R]]:
    """Decorate a function of (version, …) with a NewestVersionCache of `maxsize` results."""

    def decorate(function: Callable[Concatenate[int, P], R]) -> NewestVersionCache[P, R]:
        return NewestVersionCache(function, maxsize)

    return decorate
