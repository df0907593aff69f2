"""The saved-session store: unguessable tokens, one record per token, TTL and purging, a key that outlives restarts."""

from __future__ import annotations

import math
import sqlite3
import time

import pytest

from agents import session_store
from agents.session_store import SessionStore, is_token, new_token


def test_tokens_carry_at_least_128_random_bits():
    tokens = {new_token() for _ in range(2000)}
    assert len(tokens) == 2000 and all(is_token(t) for t in tokens)
    alphabet = 64  # URL-safe base64
    assert len(next(iter(tokens))) * math.log2(alphabet) >= 128
    assert session_store.TOKEN_BYTES * 8 >= 128


@pytest.mark.parametrize("bad", [None, "", "x", "a" * 31, "a" * 33, "' OR 1=1 --" + "a" * 21, 12345, ["a" * 32],
                                 "../../etc/passwd" + "a" * 16])
def test_malformed_tokens_open_nothing(tmp_path, bad):
    store = SessionStore(tmp_path / "s.db")
    store.save(new_token(), {"x": 1})
    assert not is_token(bad)
    assert store.load(bad) is None


def test_a_token_opens_only_its_own_record(tmp_path):
    store = SessionStore(tmp_path / "s.db")
    a, b = new_token(), new_token()
    store.save(a, {"who": "a"})
    store.save(b, {"who": "b"})
    assert store.load(a) == {"who": "a"} and store.load(b) == {"who": "b"}
    assert store.load(new_token()) is None
    store.save(a, {"who": "a2"})  # saving again replaces
    assert store.load(a) == {"who": "a2"} and len(store) == 2
    with pytest.raises(ValueError):
        store.save("not-a-token", {})


def test_records_survive_a_new_store_on_the_same_file(tmp_path):
    t = new_token()
    SessionStore(tmp_path / "s.db").save(t, {"beliefs": {"colour": "red"}})
    assert SessionStore(tmp_path / "s.db").load(t) == {"beliefs": {"colour": "red"}}


def test_expired_records_are_gone_and_purged(tmp_path, monkeypatch):
    store = SessionStore(tmp_path / "s.db", ttl_s=60)
    old, fresh = new_token(), new_token()
    store.save(old, {"n": 1})
    now = time.time()
    monkeypatch.setattr(session_store.time, "time", lambda: now + 61)
    assert store.load(old) is None  # expired: refused even before purging
    store.save(fresh, {"n": 2})  # saving purges what expired (at most every ttl / 10 minutes)
    rows = sqlite3.connect(tmp_path / "s.db").execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    assert rows == 1 and store.load(fresh) == {"n": 2}
    monkeypatch.setattr(session_store.time, "time", lambda: now + 200)
    assert store.purge() == 1 and len(store) == 0


def test_secret_is_random_once_and_kept(tmp_path):
    a = SessionStore(tmp_path / "s.db").secret("browser-state")
    b = SessionStore(tmp_path / "s.db").secret("browser-state")
    c = SessionStore(tmp_path / "t.db").secret("browser-state")
    assert a == b and a != c and len(a) == 64
