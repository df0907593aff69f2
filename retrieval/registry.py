"""One registry shape for every pluggable part: ``register`` / ``get`` / ``list`` by name.

A plain dict of names to factories (open_clip's ``_MODEL_CONFIGS``, llm's plugins). Built-ins are
entered the same way as any other part, but as ``"module:attr"`` strings imported on first use, so
a registry never imports its implementations (no import cycles, no registration by import side
effect) and an optional backend costs nothing until it is asked for. ``get`` only looks the name up:
the caller calls the factory, so a ``KeyError`` raised inside a constructor stays that error and
never becomes "unknown name".
"""

from __future__ import annotations

import builtins
import importlib
import threading
from collections.abc import Mapping
from typing import Any, Generic, TypeVar

from .errors import UnknownNameError

F = TypeVar("F")


class Registry(Generic[F]):
    """Names -> factories of one kind of part (``kind`` names it in errors: "encoder", "index"...)."""

    def __init__(self, kind: str, entries: Mapping[str, F | str] | None = None,
                 usage: Mapping[str, str] | None = None):
        self.kind = kind
        self._entries: dict[str, Any] = dict(entries or {})  # name -> factory, or "module:attr" not yet imported
        self._usage = dict(usage or {})  # name -> how to write it where it takes arguments ("hash:<dim>")
        self._lock = threading.RLock()

    def register(self, name: str, factory: F | str) -> None:
        """Add or replace ``name``; ``factory`` may be a ``"module:attr"`` string, imported on first ``get``."""
        with self._lock:
            self._entries[name] = factory

    def get(self, name: str, asked: str | None = None) -> F:
        """The factory registered as ``name``; ``UnknownNameError`` listing the registered names if none.

        ``asked`` is what the user wrote, when ``name`` is only part of it (the scheme of a spec).
        """
        with self._lock:
            if name not in self._entries:
                raise UnknownNameError(self.kind, asked if asked is not None else name, self.list())
            factory = self._entries[name]
            if isinstance(factory, str):
                module, _, attr = factory.partition(":")
                factory = getattr(importlib.import_module(module), attr)
                self._entries[name] = factory
            return factory

    def list(self) -> builtins.list[str]:
        """Registered names, sorted, each written the way it is used where it takes arguments."""
        return sorted(self._usage.get(n, n) for n in self._entries)

    def names(self) -> builtins.list[str]:
        return sorted(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def copy(self) -> Registry[F]:
        """An independent copy (tests register parts without leaking them into later tests)."""
        return Registry(self.kind, self._entries, self._usage)
