"""Verdicts on what was shown (agents/shapes.py, agents/message.py): "the colour is off", "keep the pattern",
"the colour of the first one", "the third one is close" change one facet, and their words are never wishes."""

from __future__ import annotations

import pytest

from agents.lexicon import Lexicon
from agents.turns import Turn
from agents.understand import parse
from retrieval.facets import demo_facets, load_facets


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon(demo_facets(), embed=lambda texts: __import__("numpy").zeros((len(texts), 4), "float32"))


@pytest.mark.parametrize("text, wrong, right, facet_refs, refs", [
    ("the colour is off", ["colour"], [], [], []),
    ("hmm, the third one is close but the colour is a bit off", ["colour"], [], [], [(3, True)]),
    ("right pattern, wrong sleeves", ["sleeve"], ["pattern"], [], []),
    ("in a different colour", ["colour"], [], [], []), ("the neckline isn't right", ["neckline"], [], [], []),
    ("keep the pattern but the colour is wrong", ["colour"], ["pattern"], [], []),
    ("the colour is perfect", [], ["colour"], [], []),
    ("I like the colour of the first one", [], [], [("colour", 1, True)], []),
    ("the pattern of #2 is wrong", [], [], [("pattern", 2, False)], []),
    ("not the colour of the 2nd one", [], [], [("colour", 2, False)], []),
    ("same sleeves as the 3rd", [], [], [("sleeve", 3, True)], []),
    ("the 2nd is nearly right", [], [], [], [(2, True)]),
    ("I don't like the colour", ["colour"], [], [], []), ("I really don't like the colour", ["colour"], [], [], []),
    ("I'd like the colour to match my navy trousers", [], [], [], []),
    ("I'd like a different kind of pattern", ["pattern"], [], [], []),
    ("a different colour from the first one", [], [], [("colour", 1, False)], []),
    ("the colour of the first one isn't right", [], [], [("colour", 1, False)], []),
    ("the sleeves on the 2nd one are too short", [], [], [("sleeve", 2, False)], []),
    ("I'm not keen on the colour of the first one", [], [], [("colour", 1, False)], []),
])
def test_verdicts_on_what_was_shown(text, wrong, right, facet_refs, refs, lexicon):
    p = parse(text, lexicon)
    assert (p.wrong, p.right, p.facet_refs, p.result_refs) == (wrong, right, facet_refs, refs)
    assert not p.wishes and not p.unwanted and not p.mentions


@pytest.mark.parametrize("text", ["a dress in different colours", "a right angle print", "the dress is lovely",
                                  "show me another style", "I would like the pattern to be small"])
def test_no_verdict_without_a_facet_word(text, lexicon):
    p = parse(text, lexicon)
    assert not p.wrong and not p.right and not p.facet_refs


@pytest.mark.parametrize("text", ["another time maybe", "not this time", "any other place is fine",
                                  "two people in a different place"])
def test_vague_facet_words_of_the_photo_facets_are_no_verdict(text):
    p = parse(text, Lexicon(load_facets(), embed=lambda texts: __import__("numpy").zeros((len(texts), 4), "float32")))
    assert not p.wrong and not p.right


@pytest.mark.parametrize("text", ["a shirt with a different colour collar", "a top in the perfect colour for autumn"])
def test_a_verdict_in_the_first_message_never_reads_the_greetings_sample(hash_assistant, text):
    s = hash_assistant.new_session()
    s.reset()  # the greeting's sample on screen, as in the app
    s.step(Turn(text=text))
    b = s.state.beliefs.get("colour")
    assert b is None or (b.positive is None and not b.negatives)


def test_im_after_is_wanting_not_a_word_to_search(lexicon):
    p = parse("I'm after a summer dress", lexicon)
    assert "after" not in " ".join(p.wishes) and [m.value for m in p.mentions] == ["dress"]


def test_the_colour_of_the_close_result_is_ruled_out_and_left_out_of_its_caption(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a blue shirt"))
    third = s.state.last_results[2]
    colour = s.assistant.retriever.likely_facets(third)["colour"]
    r = s.step(Turn(text="hmm, the third one is close but the colour is off"))
    b = s.state.beliefs["colour"]
    assert s.state.references[-1].item_id == third and colour in b.negatives and b.positive is None
    assert colour not in r.query.split() and "off" not in " ".join(s.state.wishes)
    assert f"not {colour} (colour)" in r.explanation


def test_a_wrong_value_asked_for_is_dropped(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress"))
    s.step(Turn(text="no, the colour is wrong"))
    b = s.state.beliefs["colour"]
    assert b.positive is None and "red" in b.negatives
    assert s.state.beliefs["category"].positive == "dress"


def test_a_facet_of_a_result_is_wanted_without_the_rest_of_it(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a shirt"))
    first = s.state.last_results[0]
    likely = s.assistant.retriever.likely_facets(first)
    s.step(Turn(text="I like the colour of the first one"))
    assert s.state.beliefs["colour"].positive == likely["colour"] and not s.state.references
    pattern = s.assistant.retriever.likely_facets(s.state.last_results[1])["pattern"]
    s.step(Turn(text="the pattern of #2 is wrong"))
    assert pattern in s.state.beliefs["pattern"].negatives and not s.state.references
    r = s.step(Turn(text="the pattern of #99 is wrong"))
    assert "couldn't find result 99" in r.message and not r.error


def test_keep_the_colour_holds_the_references_value_when_the_next_one_changes_it(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a t-shirt"))
    second = s.state.last_results[1]
    colour = s.assistant.retriever.likely_facets(second)["colour"]
    s.step(Turn(text="the second one, keep the colour"))
    b = s.state.beliefs["colour"]
    assert b.positive == colour and s.state.references[-1].item_id == second


@pytest.mark.parametrize("text, readings", [
    ("hmm these are all too plain", {("pattern", "solid", False)}),
    ("too long", {("length", "maxi", False)}),
    ("too many stripes", {("pattern", "striped", False)}),
    ("I want red too", {("colour", "red", True)}),
    ("a red dress, blue too", {("colour", "red", True), ("category", "dress", True), ("colour", "blue", True)}),
])
def test_too_much_of_a_value_rules_it_out(text, readings, lexicon):
    assert {(m.facet, m.value, m.positive) for m in parse(text, lexicon).mentions} == readings


@pytest.mark.parametrize("text", ["blue maybe? or green", "blue maybe, or green", "blue or green"])
def test_a_hedge_after_a_value_does_not_end_the_alternatives(text, lexicon):
    assert parse(text, lexicon).either == {"colour": ["blue", "green"]}


@pytest.mark.parametrize("text, readings", [
    ("a shirt with a print", {("category", "shirt", True), ("motif", "none", False)}),
    ("a patterned dress", {("category", "dress", True), ("pattern", "solid", False)}),
])
def test_some_decoration_asked_for_is_not_the_empty_value(text, readings, lexicon):
    assert {(m.facet, m.value, m.positive) for m in parse(text, lexicon).mentions} == readings


@pytest.mark.parametrize("text", ["nothing printed on it", "without anything printed", "a shirt with no print"])
def test_a_negated_decoration_is_no_wish_for_one(text, lexicon):
    assert ("motif", "none", False) not in {(m.facet, m.value, m.positive) for m in parse(text, lexicon).mentions}
