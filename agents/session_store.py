"""Dialogue sessions kept on the server, in SQLite, under unguessable tokens: they survive reloads and restarts.

A token is 192 random bits from ``secrets`` (URL-safe text). It is the only
key to its session: whoever holds it can continue that conversation and
nothing else (no listing, no lookup by id). Records idle longer than the TTL
are treated as gone and purged. Values are JSON; the store knows nothing of
their shape (``app.sessions`` decides what a record holds).
"""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

TOKEN_BYTES = 24  # 192 bits; the issue asks for at least 128
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32}$")  # what token_urlsafe(24) produces


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_token(value: object) -> bool:
    """Whether ``value`` has a token's shape (anything else is refused before touching the database)."""
    return isinstance(value, str) and bool(_TOKEN_RE.match(value))


class SessionStore:
    """``save`` / ``load`` / ``delete`` JSON records by token; ``purge`` drops the expired ones."""

    def __init__(self, path: str | Path, ttl_s: float = 3 * 3600):
        self.path, self.ttl_s = Path(path), float(ttl_s)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._purged = 0.0
        with self._db() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS sessions (token TEXT PRIMARY KEY, data TEXT NOT NULL, "
                       "updated REAL NOT NULL)")
            db.execute("CREATE INDEX IF NOT EXISTS sessions_updated ON sessions (updated)")
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    def _db(self) -> sqlite3.Connection:
        """One connection per thread (Gradio runs events on a thread pool); each ``with`` is one transaction."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = sqlite3.connect(self.path, timeout=30)
        return db

    def save(self, token: str, data: dict[str, Any]) -> None:
        if not is_token(token):
            raise ValueError("not a session token")
        with self._db() as db:
            db.execute("INSERT OR REPLACE INTO sessions (token, data, updated) VALUES (?, ?, ?)",
                       (token, json.dumps(data), time.time()))
        if time.time() - self._purged > min(600.0, self.ttl_s):
            self.purge()

    def load(self, token: object) -> dict[str, Any] | None:
        """The record, or None when the token is malformed, unknown or expired."""
        if not is_token(token):
            return None
        row = self._db().execute("SELECT data, updated FROM sessions WHERE token = ?", (token,)).fetchone()
        if row is None or time.time() - row[1] > self.ttl_s:
            return None
        return json.loads(row[0])

    def delete(self, token: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM sessions WHERE token = ?", (token,))

    def secret(self, name: str) -> str:
        """A random value kept with the sessions (created on first use), e.g. the key of gr.BrowserState.

        Gradio encodes BrowserState with a key that is random per process unless given one (and sends
        it to the page, so it hides nothing from the page itself); a key that outlives restarts lets a
        reloaded page read its token back.
        """
        with self._db() as db:
            db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (name, secrets.token_hex(32)))
            return db.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()[0]

    def purge(self) -> int:
        """Delete every record idle longer than the TTL; returns how many."""
        self._purged = time.time()
        with self._db() as db:
            return db.execute("DELETE FROM sessions WHERE updated < ?", (time.time() - self.ttl_s,)).rowcount

    def __len__(self) -> int:
        return self._db().execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
