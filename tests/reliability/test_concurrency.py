"""Twenty gradio_client sessions talk to one server at once; each sees only its own dialogue.

Every session pursues a different target with a scripted three-turn dialogue
that carries a private token (a city name the engine keeps as a free-text
wish, so it shows in the composed query). Isolation holds when every reply's
query has its own token and no other session's, and each client keeps one
session id. Speed under this load is measured by ``scripts/bench_concurrency.py``.
"""

from __future__ import annotations

import threading

import pytest
from gradio_client import Client

from tests.reliability.hostile import safe_text

pytestmark = pytest.mark.slow

N_SESSIONS = 20
COLOURS = ["red", "blue", "green", "black", "white", "yellow", "pink", "purple", "orange", "grey"]
CATEGORIES = ["dress", "shirt", "coat", "skirt", "trousers", "hat", "bag", "shorts", "hoodie", "t-shirt"]


TOKENS = ["zanzibar", "kathmandu", "reykjavik", "timbuktu", "ulaanbaatar", "valparaiso", "zagreb", "tbilisi",
          "yerevan", "vilnius", "tallinn", "ljubljana", "bratislava", "sarajevo", "podgorica", "skopje", "tirana",
          "chisinau", "bishkek", "dushanbe"]  # words no facet claims, so each stays in its session's query


def token(i: int) -> str:
    return TOKENS[i]


def dialogue(i: int) -> list[tuple[str, str, str]]:
    """(message, answer_to, word the query must then contain) for session ``i``."""
    colour, category = COLOURS[i % len(COLOURS)], CATEGORIES[(i * 3) % len(CATEGORIES)]
    return [
        (f"a {colour} {category} {token(i)}", "", token(i)),
        ("not striped", "", token(i)),
        (f"in {COLOURS[(i + 1) % len(COLOURS)]} please", "", COLOURS[(i + 1) % len(COLOURS)]),
    ]


def converse(url: str, i: int, barrier: threading.Barrier, out: dict, errors: list) -> None:
    try:
        client = Client(url, verbose=False)
        barrier.wait(timeout=120)
        replies = []
        for text, answer_to, must in dialogue(i):
            reply = client.predict(text, [], answer_to, api_name="/send")
            replies.append((reply, must))
        out[i] = replies
    except Exception as e:  # collected and reported by the test
        errors.append((i, repr(e)))


def test_twenty_concurrent_sessions_stay_isolated(live):
    out: dict[int, list] = {}
    errors: list = []
    barrier = threading.Barrier(N_SESSIONS)
    threads = [threading.Thread(target=converse, args=(live.url, i, barrier, out, errors)) for i in range(N_SESSIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    assert sorted(out) == list(range(N_SESSIONS))
    sessions = set()
    for i, replies in out.items():
        ids = {r["session"] for r, _ in replies}
        assert len(ids) == 1, (i, ids)  # one session per client throughout
        sessions |= ids
        for reply, must in replies:
            assert reply["error"] is None and reply["results"], (i, reply["message"])
            assert must in reply["query"], (i, reply["query"])
            assert not safe_text(reply["message"])
            others = [token(j) for j in range(N_SESSIONS) if j != i and token(j) in reply["query"].split()]
            assert not others, (i, reply["query"], others)  # nothing of another session's dialogue
        last = replies[-1][0]
        assert COLOURS[(i + 1) % len(COLOURS)] in last["query"]
    assert len(sessions) == N_SESSIONS
