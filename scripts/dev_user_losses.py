"""Where the development user's dialogues lose the target: per dialogue, how the words the user said were read.

Runs the bench's third user (``agents.bench.heldout.HeldoutUser``) speaking a development vocabulary against the
``chatlens`` assistant, as ``python -m agents.bench.run --heldout <file>`` does, and after each turn looks at the
dialogue state's belief about each facet the user just named: right (the target's value), wrong (another value)
or unread (no value). It counts, per dialogue, opening facets and answers read right / wrong / unread, the
rounds spent on a question whose answer was unread (and how often one facet's answer was unread twice) and the
"which is closer?" questions, answers that correct themselves ("X... no, not X, more like Y") by how the asked
facet was read after them, and guessed readings of another facet than the one asked (right or wrong by the
target, whatever the dialogue then did with them), and sets the dialogues that miss the target at round 5 (Hits@10) beside those that
reach it. Not part of the engine: a measuring aid.

Run from the repository root (about a minute for 100 dialogues):

    PYTHONPATH=$PWD HF_HUB_OFFLINE=1 python scripts/dev_user_losses.py tests/agents/dev_user_vocabulary.yaml [--seed 1]

Development lists only: pass your own development vocabulary; it never reads the held-out folder.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

from agents.bench.heldout import HeldoutUser, load_vocabulary
from agents.bench.run import offline_setup, target_rank, true_similarity
from agents.confidence import is_guess
from agents.questioner import PAIR
from agents.session import Assistant
from agents.turns import Turn
from agents.understand import parse

KINDS = ("right", "wrong", "unread")


def _kind(session, facet: str, value: str) -> str:
    b = session.state.beliefs.get(facet)
    if b is None or not b.positive:
        return "unread"
    return "right" if b.positive == value else "wrong"


def dialogue(assistant: Assistant, target: int, attrs: dict, vocabulary: dict, seed: int, rounds: int = 10) -> dict:
    """Counts of one dialogue: opening/answer right/wrong/unread, rounds on unread answers, pair questions, ranks."""
    session = assistant.new_session()
    user = HeldoutUser(attrs, random.Random(seed), vocabulary)
    worst = len(assistant.retriever)
    c: Counter = Counter()
    ranks = []
    for t in range(rounds + 1):
        asked = None
        if t == 0:
            text = user.opening()
            named = set(user.given)
        elif session.state.pending_question == PAIR and session.state.pair:
            text = user.closer(session.last_question.options[:2], true_similarity(assistant, target, session.state.pair))
            named, c["pair"] = set(), c["pair"] + 1
        else:
            asked = session.state.pending_question
            before = set(user.given)
            text = user.answer(asked)
            named = set(user.given) - before or ({asked} if asked in user.target else set())
        off = [m for m in parse(text, assistant.lexicon, asked).mentions if asked and m.positive and m.facet != asked
               and m.facet in user.target and is_guess(m.confidence)] if asked != PAIR else []
        session.step(Turn(text=text))
        for m in off:  # a guess about another facet than the one asked
            c[("other-facet guess", "right" if m.value == user.target[m.facet] else "wrong")] += 1
        if asked and asked != PAIR and asked in user.target and parse(text, assistant.lexicon, asked).taken_back:  # a "not …" scope
            c[("correction", _kind(session, asked, user.target[asked]))] += 1
        ranks.append(target_rank(session.last_ranking, target, worst))
        for f in named:
            if f in user.target:
                k = _kind(session, f, user.target[f])
                c[("opening" if t == 0 else "answer", k)] += 1
                if t and k == "unread" and asked == f:
                    c["rounds on unread"] += 1
                    c[("unread", f)] += 1
                    c["unread twice"] += c[("unread", f)] == 2  # the same facet's answer unread twice
    c["hit5"] = int(min(ranks[: min(5, rounds) + 1]) <= 10)  # cumulative, as the bench's Hits@10
    return c


def main(argv: list[str]) -> None:
    path = Path([a for a in argv if not a.startswith("--")][0])
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0
    n = int(argv[argv.index("--targets") + 1]) if "--targets" in argv else 100
    vocabulary = load_vocabulary(path)
    assistant, targets, attrs = offline_setup(n, seed)
    rows = [dialogue(assistant, t, attrs[t], vocabulary, seed * 100_003 + i) for i, t in enumerate(targets)]
    keys = [(w, k) for w in ("opening", "answer", "correction") for k in KINDS] + [
        ("other-facet guess", "right"), ("other-facet guess", "wrong"), "rounds on unread", "unread twice", "pair"]
    print(f"{path}, seed {seed}, {len(rows)} dialogues: mean per dialogue (sum)")
    for label, group in (("all", rows), ("hit at r5", [r for r in rows if r["hit5"]]),
                         ("missed at r5", [r for r in rows if not r["hit5"]])):
        if group:
            print(f"  {label:13} ({len(group):3d}) " + " | ".join(
                f"{k if isinstance(k, str) else ' '.join(k)} {sum(r[k] for r in group) / len(group):.2f} "
                f"({sum(r[k] for r in group)})" for k in keys))


if __name__ == "__main__":
    main(sys.argv[1:])
