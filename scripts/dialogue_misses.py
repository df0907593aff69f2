"""Why the development user's dialogues miss the target: the beliefs standing at a round, against the target.

Replays the bench's third user (``agents.bench.heldout.HeldoutUser``) speaking a development vocabulary against
the ``chatlens`` assistant, exactly as ``python -m agents.bench.run --heldout <file>`` does, and records every
reading folded into the beliefs (facet, value, source, confidence, turn, words). At the round given (5 by default)
it lists, for the dialogues whose target is not in the top 10 by then, each facet of the target whose belief is
wrong (sure or a guess; the turn, opening or answer, and source of the reading that set it) or empty, and the
target's rank; then counts over all dialogues, with the confirmations asked (``agents.doubt``: was the reading
right or wrong before, and after the answer) and the sure readings made in the answer about another facet
("sure aside", right or wrong by the target). Not part of the engine: a measuring aid.

    PYTHONPATH=$PWD HF_HUB_OFFLINE=1 python scripts/dialogue_misses.py tests/agents/dev_user_vocabulary.yaml \
        [--seed 1] [--round 5] [--quiet]

Development lists only: pass your own development vocabulary; it never reads the held-out folder.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

import agents.message as session_module  # where ``read_message`` calls ``fold``
from agents.bench.heldout import HeldoutUser, load_vocabulary
from agents.bench.run import offline_setup, target_rank, true_similarity
from agents.questioner import PAIR
from agents.session import Assistant
from agents.turns import Turn

_folded: list = []  # readings handed to ``fold`` this turn (the wrapper below fills it)
_fold = session_module.fold


def _recording_fold(state, mentions, asked, idx, *args, **kwargs):
    _folded.extend((idx, m) for m in mentions)
    return _fold(state, mentions, asked, idx, *args, **kwargs)


session_module.fold = _recording_fold


def dialogue(assistant: Assistant, target: int, attrs: dict, vocabulary: dict, seed: int, at: int) -> dict:
    session = assistant.new_session()
    user = HeldoutUser(attrs, random.Random(seed), vocabulary)
    worst = len(assistant.retriever)
    ranks, texts, readings, confirms, asides = [], [], {}, [], []
    for t in range(at + 1):
        confirming = session.state.confirm
        if t == 0:
            text = user.opening()
        elif session.state.pending_question == PAIR and session.state.pair:
            text = user.closer(session.last_question.options[:2], true_similarity(assistant, target, session.state.pair))
        else:
            text = user.answer(session.state.pending_question)
        asked = session.state.pending_question if t else None
        _folded.clear()
        session.step(Turn(text=text))
        for idx, m in _folded:
            if m.positive:
                readings[(m.facet, m.value)] = (idx, m)
                if asked and asked != PAIR and m.facet != asked and m.facet in user.target and m.confidence >= 0.9:
                    asides.append("right" if user.target[m.facet] == m.value else "wrong")
        texts.append((asked, text))
        if confirming:  # the answer to "I read … as …: which … was it?" (agents.doubt)
            b = session.state.beliefs.get(confirming)
            after = "unread" if not b or not b.positive else "right" if b.positive == user.target.get(confirming) \
                else "wrong"
            confirms.append((confirms.pop()[0] if confirms else "?", after + (" guess" if b and b.guess else "")))
        if session.state.confirm:
            b = session.state.beliefs[session.state.confirm]
            confirms.append(("right" if b.positive == user.target.get(session.state.confirm) else "wrong", None))
        ranks.append(target_rank(session.last_ranking, target, worst))
    beliefs = []
    for facet, value in user.target.items():
        b = session.state.beliefs.get(facet)
        if b is None or not b.positive:
            if facet in user.given:
                beliefs.append((facet, value, "unread", None, None))
            continue
        if b.positive == value:
            continue
        idx, m = readings.get((facet, b.positive), (b.turn, None))
        beliefs.append((facet, value, "guess" if b.guess else "sure", b, (idx, m)))
    return {"hit": min(ranks) <= 10, "rank": ranks[-1], "texts": texts, "wrong": beliefs, "target": user.target,
            "confirms": confirms, "asides": asides}


def main(argv: list[str]) -> None:
    path = Path([a for a in argv if not a.startswith("--") and not a.isdigit()][0])
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0
    at = int(argv[argv.index("--round") + 1]) if "--round" in argv else 5
    n = int(argv[argv.index("--targets") + 1]) if "--targets" in argv else 100
    vocabulary = load_vocabulary(path)
    assistant, targets, attrs = offline_setup(n, seed)
    rows = [dialogue(assistant, t, attrs[t], vocabulary, seed * 100_003 + i, at) for i, t in enumerate(targets)]
    counts: Counter = Counter()
    for r in rows:
        group = "hit" if r["hit"] else "miss"
        for kind in r["asides"]:  # a sure reading of another facet than the one asked
            counts[(group, "sure aside", kind)] += 1
        for before, after in r["confirms"]:
            counts[(group, "confirm", f"{before}->{after}")] += 1
        for facet, _value, kind, _b, got in r["wrong"]:
            if kind == "unread":
                counts[(group, "unread", facet)] += 1
                continue
            idx, m = got
            when = "opening" if idx == 0 else "later"
            counts[(group, kind, when, m.source if m else "?")] += 1
        if r["hit"] or "--quiet" in argv:
            continue
        print(f"rank {r['rank']:5d}  target {r['target']}")
        for asked, text in r["texts"]:
            print(f"    {asked or '-':10} | {text}")
        for facet, value, kind, b, got in r["wrong"]:
            if kind == "unread":
                print(f"    UNREAD {facet} (target {value})")
            else:
                idx, m = got
                print(f"    WRONG {kind} {facet}: {b.positive} (target {value}) conf {b.confidence:.2f} turn {idx} "
                      f"source {m.source if m else '?'} words {m.text if m else '?'!r}")
    print(f"{path}, seed {seed}, round {at}: {sum(r['hit'] for r in rows)} of {len(rows)} hit")
    for key, c in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1])):
        print("   ", " ".join(key), c)


if __name__ == "__main__":
    main(sys.argv[1:])
