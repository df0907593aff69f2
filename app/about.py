"""The "About this demo" panel: what is being searched, what to say, how to run it on your own photos.

The catalog description is derived from ``retrieval.catalog.schema`` (the
table that drives the renderer and the captions), so the panel cannot drift
from what the demo catalog really contains. Example phrasings use only the
schema's training words, never its held-out ones.
"""

from __future__ import annotations

from app.settings import HUB_DEFAULT_ENCODER, Settings
from retrieval.catalog.schema import CATEGORY_FACETS, FACETS, Facet

# Phrasings that show what the dialogue engine understands (a request, negation, a reference, a retraction).
EXAMPLE_PHRASINGS = (
    "a striped hoodie",
    "a maxi dress with long sleeves, not red",
    "like the second one but green",
    "any colour is fine",
)
PHOTO_FOLDER = "~/Pictures"
LLM_SPEC = "openai:llama3.1@http://localhost:11434/v1"


def _join(words: list[str]) -> str:
    return ", ".join(words[:-1]) + f" and {words[-1]}" if len(words) > 1 else "".join(words)


def _plural(category: str) -> str:
    if category.endswith("ss"):
        return category + "es"
    return category if category.endswith("s") else category + "s"


def _facet_line(f: Facet) -> str:
    """``pattern (solid, striped, ...)``, plus the kinds it applies to when not every kind has it."""
    values = [v.name for v in f.values]
    shown = ", ".join(values) if len(values) <= 6 else f"{len(values)} of them: " + ", ".join(values)
    where = f", on {_join([_plural(c) for c in f.categories])}" if f.categories else ""
    where += "".join(f", on items with a {FACETS[other].label}" for other, _ in f.requires)  # scale: patterned ones
    return f"**{f.label}** ({shown}){where}"


def catalog_markdown(size: int) -> str:
    """What the demo catalog holds, from the schema: its kinds of item and the attributes they vary in."""
    kinds = list(CATEGORY_FACETS)
    varying = [f for name, f in FACETS.items() if name not in ("category", "accent")]
    lines = [
        f"**What you are searching:** {size:,} product pictures drawn by a program (not photos), "
        f"{len(kinds)} kinds of garment and accessory: {_join(kinds)}.",
        "",
        "They vary in " + "; ".join(_facet_line(f) for f in varying)
        + f"; patterns and prints have a **{FACETS['accent'].label}**. "
        "Anything else (shoes, cars, people...) is not in this catalog: you get the closest items it has.",
    ]
    return "\n".join(lines)


def run_it_yourself_markdown() -> str:
    """The three commands that run the same app on your own photos, then with an LLM (as in the README)."""
    return (
        "**Run it on your own photos, then with an LLM** (the README has the details):\n\n"
        "```bash\n"
        f"chatlens index {PHOTO_FOLDER} --encoder {HUB_DEFAULT_ENCODER}\n"
        f"chatlens run --gallery {PHOTO_FOLDER} --encoder {HUB_DEFAULT_ENCODER}\n"
        f'chatlens run --gallery {PHOTO_FOLDER} --llm "{LLM_SPEC}"\n'
        "```"
    )


def about_markdown(settings: Settings) -> str:
    """The panel's text for this server's configuration (the demo catalog, or a folder of photos)."""
    if settings.retrieval.gallery is None:
        what = catalog_markdown(settings.retrieval.demo_size)
    else:
        what = (f"**What you are searching:** the photos in `{settings.retrieval.gallery.name}`, "
                f"indexed with `{settings.retrieval.encoder}`.")
    phrasings = ", ".join(f"*\u201c{p}\u201d*" for p in EXAMPLE_PHRASINGS)
    say = (f"**Things to say:** {phrasings}; answer my question with a button or in your own words; "
           "add a photo (*\u201clike this, but in blue\u201d*); click a result to see it larger and act on it.")
    llm = settings.agents.llm or "none (the offline dialogue engine)"
    return "\n\n".join([what, say, f"**Language model:** {llm}.", run_it_yourself_markdown()])
