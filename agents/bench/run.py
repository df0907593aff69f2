"""``chatlens bench``: every strategy on the same targets and the same simulated user, in one run.

Dialogue strategies (ChatIR protocol): ``single`` (the opening query only),
``concat`` (ChatIR: the dialogue text as the query, same questioner),
``random-q`` (our reformulator, random questions) and ``chatlens`` (our
reformulator, candidate-aware questions); ``chatlens+ref`` uploads a
reference at round 2; ``chatlens-heldout`` is ``chatlens`` with a user who
speaks the frozen held-out vocabulary (``agents.bench.heldout``; skipped when
that file is absent), with the share of held-out words read right per facet
class. Then the composed-retrieval table and speed figures.
Output: a terminal table, ``bench.json`` and ``hits_at_10.png``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from tqdm.auto import tqdm

from retrieval.catalog.captions import canonical_caption, describe
from retrieval.config import RetrievalConfig
from retrieval.library import Library, open_library
from retrieval.query import ComposedQuery, Constraint

from ..config import AgentConfig
from ..questioner import PAIR
from ..session import Assistant
from ..turns import Turn
from .composed import composed_table, reference_for
from .heldout import VOCABULARY, HeldoutUser, load_vocabulary, mapping_accuracy
from .metrics import summarise
from .report import plot_hits, print_tables
from .server import ROOT
from .user import SimulatedUser

STRATEGIES = {  # name -> (reformulator, questioner)
    "single": ("offline", "entropy"),
    "concat": ("concat", "entropy"),
    "random-q": ("offline", "random"),
    "chatlens": ("offline", "entropy"),
    "chatlens+ref": ("offline", "entropy"),
    "chatlens-heldout": ("offline", "entropy"),
}


@dataclass
class BenchConfig:
    targets: int = 500  # dialogues per strategy
    rounds: int = 10  # questions after the opening (T)
    seed: int = 0
    demo_size: int = 5000  # gallery items
    pool: int = 0  # candidates re-ranked per turn (0: the whole gallery, as the benchmark has always run)
    encoder: str = "demo"
    strategies: list[str] = field(default_factory=lambda: list(STRATEGIES))
    composed_pairs: int = 500  # (reference, modification) -> target pairs
    speed: bool = True  # per-turn latency, cold start, memory, and the retrieval benchmark
    retrieval_bench: str = "ingest,flat"  # sections of agents.bench.retrieval (scripts/bench_retrieval.py) to run ("" for none)
    heldout: Path = VOCABULARY  # the frozen held-out vocabulary (the third user's words)
    out: Path = Path("bench-results")


def target_rank(ranking: np.ndarray, target: int, worst: int) -> int:
    hit = np.flatnonzero(ranking == target)
    return int(hit[0]) + 1 if len(hit) else worst


def run_dialogue(assistant: Assistant, target: int, attrs: dict, rounds: int, seed: int, strategy: str,
                 reference: tuple[int, dict] | None, latencies: list[float] | None = None,
                 vocabulary: dict | None = None) -> list[int]:
    session = assistant.new_session()
    user = HeldoutUser(attrs, random.Random(seed), vocabulary) if vocabulary else SimulatedUser(attrs, random.Random(seed))
    worst = len(assistant.retriever)
    ranks: list[int] = []
    for t in range(rounds + 1):
        images = []
        if t == 0:
            text = user.opening()
        elif reference is not None and t == 2:
            ref_id, ref_attrs = reference
            text = user.modification(ref_attrs)
            images = [assistant.library.gallery.get([ref_id])[0].path]
        elif session.state.pending_question == PAIR and session.state.pair:
            text = user.closer(session.last_question.options[:2], true_similarity(assistant, target, session.state.pair))
        else:
            text = user.answer(session.state.pending_question)
        start = time.perf_counter()
        session.step(Turn(text=text, images=images))
        if latencies is not None:
            latencies.append(time.perf_counter() - start)
        ranks.append(target_rank(session.last_ranking, target, worst))
        if strategy == "single":
            return ranks * (rounds + 1)
    return ranks


def true_similarity(assistant: Assistant, target: int, items: list[int]) -> list[float]:
    """How alike each item is to the target, by image embedding: what the simulated user looks at."""
    at = assistant.retriever.vectors_by_id([target, *items])
    return [float(at[target] @ at[i]) for i in items]


def draw_targets(library: Library, n: int, seed: int) -> tuple[list[int], dict[int, dict]]:
    ids = library.gallery.ids()
    rng = np.random.default_rng(seed)
    chosen = [int(i) for i in rng.choice(ids, size=min(n, len(ids)), replace=False)]
    attrs = {it.id: it.attributes for it in library.gallery.get(ids.tolist())}
    return chosen, attrs


def offline_setup(n: int, seed: int) -> tuple[Assistant, list[int], dict[int, dict]]:
    """The defaults bench's offline assistant (5,000-item demo gallery, warmed up) and its ``n`` targets: what
    the development-user diagnostics (``scripts/dev_user_losses.py``, ``scripts/dialogue_misses.py``) replay."""
    rcfg = RetrievalConfig(encoder="demo", demo_size=5000, candidate_pool=5000)
    library = open_library(rcfg)
    targets, attrs = draw_targets(library, n, seed)
    assistant = Assistant.build(rcfg, AgentConfig(reformulator="offline", questioner="entropy"), library=library)
    assistant.lexicon.warm()
    return assistant, targets, attrs


def run(cfg: BenchConfig) -> dict:
    t0 = time.perf_counter()
    rcfg = RetrievalConfig(encoder=cfg.encoder, demo_size=cfg.demo_size, candidate_pool=cfg.pool or cfg.demo_size)
    library = open_library(rcfg)
    targets, attrs = draw_targets(library, cfg.targets, cfg.seed)
    record: dict = {"config": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(cfg).items()},
                    "gallery_size": library.gallery.count(), "dialogue": {}}
    latencies: list[float] = []
    vocabulary = load_vocabulary(cfg.heldout)
    for name in cfg.strategies:
        if name == "chatlens-heldout" and vocabulary is None:
            record["heldout_skipped"] = f"no held-out vocabulary at {cfg.heldout}"
            continue
        reformulator, questioner = STRATEGIES[name]
        assistant = Assistant.build(rcfg, AgentConfig(reformulator=reformulator, questioner=questioner),
                                    library=library)
        assistant.lexicon.warm()  # the warmed-up state a server reaches in seconds: the same in every run
        ranks = []
        for n, target in enumerate(tqdm(targets, desc=name, unit="dialogue", disable=None)):
            ref = reference_for(target, attrs, random.Random(cfg.seed * 7919 + n)) if name == "chatlens+ref" else None
            lat = latencies if name == "chatlens" else None
            vocab = vocabulary if name == "chatlens-heldout" else None
            ranks.append(run_dialogue(assistant, target, attrs[target], cfg.rounds, cfg.seed * 100_003 + n, name, ref,
                                      lat, vocab))
        record["dialogue"][name] = summarise(np.array(ranks))
    assistant = Assistant.build(rcfg, AgentConfig(), library=library)  # the default assistant, for the rest
    assistant.lexicon.warm()
    record["language"] = language_robustness(assistant, targets, attrs, cfg.seed)
    if vocabulary is not None and "chatlens-heldout" in cfg.strategies:  # only when asked for: a run of other
        record["heldout_mapping"] = mapping_accuracy(assistant.lexicon, vocabulary)  # strategies never shows it
    record["ceiling"] = ceiling(assistant, targets, attrs)
    if cfg.composed_pairs:
        record["composed"] = composed_table(assistant, attrs, cfg.composed_pairs, cfg.seed)
    if cfg.speed:
        record["speed"] = speed_figures(cfg, latencies)
    record["wall_time_s"] = round(time.perf_counter() - t0, 1)
    return record


def language_robustness(assistant: Assistant, targets: list[int], attrs: dict[int, dict], seed: int) -> dict:
    """A first turn naming every attribute, canonically vs in held-out words: R@10 end to end and raw.

    "Raw" embeds the sentence as it is (encoder only); "chatlens" goes through a session, so the
    offline engine canonicalises the words first.
    """
    rng = random.Random(seed + 5)
    hits = {k: [] for k in ("chatlens_canonical", "chatlens_heldout", "raw_canonical", "raw_heldout")}
    for t in targets:
        a = attrs[t]
        for kind, text in (("canonical", canonical_caption(a)), ("heldout", describe(a, list(a), rng, heldout=True))):
            session = assistant.new_session()
            session.step(Turn(text=text))
            hits[f"chatlens_{kind}"].append(target_rank(session.last_ranking, t, 10**9) <= 10)
            ids, _, _ = assistant.retriever.rank(ComposedQuery(text))
            hits[f"raw_{kind}"].append(target_rank(ids, t, 10**9) <= 10)
    out = {f"R@10_{k}": round(float(np.mean(v)), 4) for k, v in hits.items()}
    for who in ("chatlens", "raw"):
        canon = out[f"R@10_{who}_canonical"]
        out[f"{who}_heldout_over_canonical"] = round(out[f"R@10_{who}_heldout"] / canon, 4) if canon else None
    return out


def ceiling(assistant: Assistant, targets: list[int], attrs: dict[int, dict]) -> dict:
    """What no dialogue can beat: every true attribute known (caption and constraints).

    The catalog has attribute twins (items differing only in nuisance), which no
    question can tell apart; ``twin_bound`` is the expected Hits@10 of a perfect
    system that ranks twins at random: mean of min(1, 10 / twins).
    """
    key = {i: tuple(sorted(a.items())) for i, a in attrs.items()}
    twins = Counter(key.values())
    ranks = []
    for t in targets:
        a = attrs[t]
        query = ComposedQuery(canonical_caption(a), constraints=[
            Constraint(f, v) for f, v in a.items() if f in assistant.library.facets])
        ids, _, _ = assistant.retriever.rank(query)
        ranks.append(target_rank(ids, t, len(ids)))
    ranks_a = np.array(ranks)
    return {"recall@10_all_attributes_known": round(float((ranks_a <= 10).mean()), 4),
            "twin_bound@10": round(float(np.mean([min(1.0, 10 / twins[key[t]]) for t in targets])), 4)}


def speed_figures(cfg: BenchConfig, latencies: list[float]) -> dict:
    out: dict = {}
    if latencies:
        ms = np.array(latencies) * 1000
        out["turn_latency_ms"] = {"p50": round(float(np.percentile(ms, 50)), 2),
                                  "p95": round(float(np.percentile(ms, 95)), 2), "turns": len(ms)}
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    code = ("import time; t=time.perf_counter(); from agents.session import Assistant; "
            "from retrieval.config import RetrievalConfig as R; "
            f"a=Assistant.build(R(encoder={cfg.encoder!r}, demo_size={cfg.demo_size})); "
            "a.new_session().reset(); print(time.perf_counter()-t)")
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode == 0:
        out["cold_start_s"] = {"ready_in_process": round(float(done.stdout.strip().splitlines()[-1]), 2),
                               "with_interpreter": round(time.perf_counter() - t, 2)}
    if cfg.retrieval_bench:  # a module of this package, in its own process as before: found from a wheel too
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}
        done = subprocess.run([sys.executable, "-m", "agents.bench.retrieval", "--sections", cfg.retrieval_bench],
                              capture_output=True, text=True, env=env)
        out["retrieval_bench"] = done.stdout.strip().splitlines() if done.returncode == 0 else done.stderr[-500:]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="chatlens bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    d = BenchConfig()
    ap.add_argument("--targets", type=int, default=d.targets)
    ap.add_argument("--rounds", type=int, default=d.rounds)
    ap.add_argument("--seed", type=int, default=d.seed)
    ap.add_argument("--demo-size", type=int, default=d.demo_size)
    ap.add_argument("--pool", type=int, default=d.pool, help="candidates re-ranked per turn (0: the whole gallery)")
    ap.add_argument("--encoder", default=d.encoder)
    ap.add_argument("--strategies", default=",".join(d.strategies), help=f"comma list of {', '.join(STRATEGIES)}")
    ap.add_argument("--composed-pairs", type=int, default=d.composed_pairs)
    ap.add_argument("--no-speed", action="store_true", help="skip latency, cold start and the retrieval benchmark")
    ap.add_argument("--retrieval-bench", default=d.retrieval_bench,
                    help="sections of agents.bench.retrieval (e.g. ingest,flat,big); empty for none")
    ap.add_argument("--heldout", type=Path, default=d.heldout, help="held-out vocabulary for the third user")
    ap.add_argument("--out", type=Path, default=d.out)
    a = ap.parse_args(argv)
    unknown = [s for s in a.strategies.split(",") if s not in STRATEGIES]
    if unknown:
        ap.error(f"unknown strategies {unknown}; valid: {', '.join(STRATEGIES)}")
    cfg = BenchConfig(targets=a.targets, rounds=a.rounds, seed=a.seed, demo_size=a.demo_size, pool=a.pool,
                      encoder=a.encoder, strategies=a.strategies.split(","), composed_pairs=a.composed_pairs,
                      speed=not a.no_speed, retrieval_bench=a.retrieval_bench, heldout=a.heldout, out=a.out)
    record = run(cfg)
    cfg.out.mkdir(parents=True, exist_ok=True)
    (cfg.out / "bench.json").write_text(json.dumps(record, indent=2))
    if record["dialogue"]:
        plot_hits(record, cfg.out / "hits_at_10.png")
    print_tables(record)
    print(f"\nwrote {cfg.out / 'bench.json'} and {cfg.out / 'hits_at_10.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
