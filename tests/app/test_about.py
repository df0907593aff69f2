"""The "About this demo" panel and the result viewer's text: derived from the catalog schema, never a hand list."""

from __future__ import annotations

import re
from pathlib import Path

from app.about import EXAMPLE_PHRASINGS, about_markdown, catalog_markdown
from app.settings import parse_run_args
from app.view import Detail
from app.viewer import detail_markdown, facet_label
from retrieval.catalog.schema import CATEGORY_FACETS, FACETS


def test_catalog_description_follows_the_schema():
    text = catalog_markdown(1234)
    assert "1,234" in text and f"{len(CATEGORY_FACETS)} kinds of garment and accessory" in text
    assert all(kind in text for kind in CATEGORY_FACETS)
    for name, f in FACETS.items():
        if name != "category":
            assert f"**{f.label}**" in text
            if name != "accent":
                assert all(v.name in text for v in f.values), name


def test_example_phrasings_use_no_held_out_words():
    heldout = {w for f in FACETS.values() for v in f.values for w in v.heldout}
    for phrase in EXAMPLE_PHRASINGS:
        for word in heldout:
            assert not re.search(rf"\b{re.escape(word)}\b", phrase), (phrase, word)


def test_about_has_the_three_commands_and_says_which_gallery(tmp_path):
    demo = about_markdown(parse_run_args([], env={}))
    lines = [line for line in demo.splitlines() if line.startswith("chatlens ")]
    assert [line.split()[1] for line in lines] == ["index", "run", "run"]
    assert "--gallery" in lines[1] and "--llm" in lines[2]
    assert "kinds of garment" in demo and "offline" in demo
    photos = tmp_path / "holiday"
    photos.mkdir()
    hub = about_markdown(parse_run_args(["--gallery", str(photos), "--llm", "openai:m@http://x/v1"], env={}))
    assert "holiday" in hub and "kinds of garment" not in hub and "openai:m@http://x/v1" in hub


def test_viewer_text_has_the_whole_caption_and_named_facets():
    caption = "a maxi red solid dress with long sleeves and a <b>v-neck</b>"
    md = detail_markdown(Detail(7, str(Path("x.png")), caption, {"colour": "red", "sleeve": "long", "mood": "calm"}, 0.5))
    assert "a maxi red solid dress with long sleeves and a &lt;b&gt;v-neck&lt;/b&gt;" in md
    assert "| sleeve length | long |" in md and "| mood | calm |" in md and "#7" in md
    assert facet_label("accent") == "second colour" and facet_label("time_of_day") == "time of day"
