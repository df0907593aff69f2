"""The benchmark's terminal tables and its Hits@10 plot."""

from __future__ import annotations

from pathlib import Path


def plot_hits(record: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=120)
    for name, m in record["dialogue"].items():
        ax.plot(range(len(m["hits@10"])), m["hits@10"], marker="o", ms=3, label=f"{name} (BRI {m['bri']:.2f})")
    ax.set_xlabel("dialogue round")
    ax.set_ylabel("Hits@10 (cumulative)")
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    n = record["config"]["targets"]
    ax.set_title(f"ChatLens on the demo catalog ({record['gallery_size']} items, {n} simulated users)")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def dialogue_table(record: dict) -> str:
    if not record["dialogue"]:
        return "(no dialogue strategies ran)"
    rounds = len(next(iter(record["dialogue"].values()))["hits@10"])
    shown = [r for r in (0, 1, 2, 3, 5, rounds - 1) if r < rounds]
    head = "| strategy | " + " | ".join(f"H@10 r{r}" for r in shown) + " | BRI | mean rank (final) | rounds to hit |"
    lines = [head, "|" + "---|" * (len(shown) + 4)]
    for name, m in record["dialogue"].items():
        hits = " | ".join(f"{m['hits@10'][r]:.3f}" for r in shown)
        lines.append(f"| {name} | {hits} | {m['bri']:.3f} | {m['mean_rank_final']:.1f} | {m['rounds_to_hit']:.2f} |")
    return "\n".join(lines)


def composed_table_text(record: dict) -> str:
    comp = record.get("composed")
    if not comp:
        return ""
    lines = [f"| composed retrieval ({comp['pairs']} pairs) | R@1 | R@5 | R@10 |", "|---|---|---|---|"]
    for name, m in comp.items():
        if name != "pairs":
            lines.append(f"| {name} | {m['R@1']:.3f} | {m['R@5']:.3f} | {m['R@10']:.3f} |")
    return "\n".join(lines)


def heldout_text(record: dict) -> str:
    """Per facet class, the share of held-out words read right; the held-out user against the canonical one."""
    if record.get("heldout_skipped"):
        return f"held-out user: skipped ({record['heldout_skipped']})"
    mapping = record.get("heldout_mapping")
    if not mapping:
        return ""
    lines = ["| held-out words read right | " + " | ".join(mapping) + " |", "|---|" + "---|" * len(mapping),
             "| share | " + " | ".join(f"{m['share']:.3f} ({m['right']}/{m['words']})" for m in mapping.values()) + " |",
             "| as the answer to its question | " + " | ".join(f"{m['share_as_answer']:.3f}" for m in mapping.values())
             + " |"]
    d = record["dialogue"]
    if "chatlens" in d and "chatlens-heldout" in d:
        r = min(5, len(d["chatlens"]["hits@10"]) - 1)
        canon, held = d["chatlens"]["hits@10"][r], d["chatlens-heldout"]["hits@10"][r]
        ratio = f"{held / canon:.3f}" if canon else "n/a"
        lines.append(f"\nHits@10 at round {r}: held-out user {held:.3f}, canonical user {canon:.3f} (ratio {ratio}); "
                     f"BRI {d['chatlens-heldout']['bri']:.3f} vs {d['chatlens']['bri']:.3f}")
    return "\n".join(lines)


def print_tables(record: dict) -> None:
    print(dialogue_table(record))
    held = heldout_text(record)
    if held:
        print("\n" + held)
    lang = record.get("language")
    if lang:
        print("\nfirst turn naming every attribute, R@10 (canonical words / held-out words):")
        for who in ("chatlens", "raw"):
            print(f"  {who:8s} {lang[f'R@10_{who}_canonical']:.3f} / {lang[f'R@10_{who}_heldout']:.3f}"
                  f"  (held-out / canonical = {lang[f'{who}_heldout_over_canonical']})")
    c = record.get("ceiling")
    if c:
        print(f"\nceiling: R@10 with every true attribute known {c['recall@10_all_attributes_known']:.3f}; "
              f"attribute twins allow at most {c['twin_bound@10']:.3f} (expected)")
    print()
    print(composed_table_text(record))
    speed = record.get("speed")
    if speed:
        print()
        for k, v in speed.items():
            if k == "retrieval_bench":
                print("retrieval benchmark:")
                for line in v if isinstance(v, list) else [v]:
                    print("  " + line)
            else:
                print(f"{k}: {v}")
    print(f"\nwall time {record['wall_time_s']} s")
