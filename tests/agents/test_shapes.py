"""Sentence shapes the offline engine reads, one test each, and what the session does with them."""

import json

import pytest

from agents.state import DialogueState
from agents.text import clean
from agents.turns import Turn
from agents.understand import parse

WARM_LEXICON = True  # the full table embedded and the probe fitted (conftest.py)


def said(text, lexicon):
    return {(m.facet, m.value, m.positive) for m in parse(text, lexicon).mentions}


@pytest.mark.parametrize("text, expected", [
    ("not the red one", {("colour", "red", False)}),
    ("nothing floral", {("pattern", "floral", False)}),
    ("no stripes please", {("pattern", "striped", False)}),
    ("anything but black", {("colour", "black", False)}),
    ("jodhpurs instead of a skirt", {("category", "trousers", True), ("category", "skirt", False)}),
    ("no, not red, more like blue", {("colour", "red", False), ("colour", "blue", True)}),
    ("make it green", {("colour", "green", True)}),
    ("a blazer but not in black or navy", {("category", "jacket", True), ("colour", "black", False),
                                          ("colour", "blue", False)}),  # "in" ended the negation: both wanted
    ("a dress not with flowers", {("category", "dress", True), ("pattern", "floral", False)}),
    ("any dress as long as it's not pink", {("category", "dress", True), ("colour", "pink", False)}),  # was maxi
    ("a coat as long as this one", {("category", "coat", True), ("length", "maxi", True)}),  # a comparison, as before
    ("neither stripes nor checks", {("pattern", "striped", False), ("pattern", "checked", False)}),  # wanted stripes
    ("swap the red for blue", {("colour", "red", False), ("colour", "blue", True)}),  # both wanted, "swap" a wish
    ("replace the stripes with dots", {("pattern", "striped", False), ("pattern", "polka-dot", True)}),
    ("a dress I can change into after work", {("category", "dress", True)}),
    ("switch to black for the evening", {("colour", "black", True)}),  # review: black was ruled out
    ("change into a skirt with pockets", {("category", "skirt", True)}),
    ("i'd rather not have sleeves", {("sleeve", "sleeveless", True)}),  # read nothing
    ("a coat i can wear all year round", {("category", "coat", True)}),  # "round" read a crew neckline
    ("it shouldn't have a logo", {("motif", "none", True)}),  # "no logo" was ruled out
    ("short or long sleeves, either is ok", {("sleeve", "short", True), ("sleeve", "long", True)}),  # a mini hem
    ("a dress with no stripes, in red", {("category", "dress", True), ("pattern", "striped", False),
                                        ("colour", "red", True)}),
    ("a green checked coat, no hearts, not long", {("colour", "green", True), ("pattern", "checked", True),
                                                   ("category", "coat", True), ("motif", "heart", False),
                                                   ("length", "maxi", False)}),
])
def test_negation_scope_and_replacement(text, expected, lexicon):
    assert said(text, lexicon) == expected


@pytest.mark.parametrize("text", ["blue", "Blue.", "I think it was blue", "hmm, blue maybe", "BLUE!!", "blue 💙",
                                  "b\u200blue", "\u202bblue\u202c", "<b>blue</b>", "\x1b[34mblue\x1b[0m"])
def test_bare_word_or_sentence_answers_in_any_dress(text, lexicon):
    p = parse(text, lexicon)
    assert said(text, lexicon) == {("colour", "blue", True)} and p.wishes == []


def test_clean_removes_what_a_page_or_terminal_added():
    assert clean("<script>alert(1)</script> red &amp; \x1b]0;title\x07 coat \u200e😀") == "alert(1) red & coat"
    assert clean("like #3") == "like #3"


def test_markup_escape_codes_and_filler_never_become_wishes(lexicon):
    for text in ("<div class='x'>a red coat</div>", "\x1b[1;31ma red coat\x1b[0m", "um, uh, like, a red coat lol",
                 "**a red coat**", "a red coat 👍👍", "a red coat, I'd say"):
        p = parse(text, lexicon)
        assert p.wishes == [] and said(text, lexicon) == {("colour", "red", True), ("category", "coat", True)}, text


def test_typos_are_repaired_and_reported(lexicon):
    p = parse("a jakcet with long sleves", lexicon)
    assert said("a jakcet with long sleves", lexicon) == {("category", "jacket", True), ("sleeve", "long", True)}
    assert p.corrections == [("jakcet", "jacket"), ("sleves", "sleeves")]
    assert parse("a tan coat", lexicon).corrections == []  # "tan" is a word: never "tank"
    assert parse("down to the feet", lexicon).corrections == []  # an irregular plural is a word: never "felt"


def test_generalisations_keep_the_specific_word(lexicon):
    m = parse("a bolero", lexicon).mentions[0]
    assert (m.facet, m.value, m.specific) == ("category", "jacket", "bolero")
    assert parse("a red dress", lexicon).mentions[1].specific == ""  # a catalog word generalises nothing


def test_descriptions_and_facet_nouns(lexicon):
    assert said("with thin vertical lines", lexicon) == {("pattern", "striped", True)}
    assert said("a v-shaped neckline", lexicon) == {("neckline", "v-neck", True)}
    assert said("a rollneck", lexicon) == {("neckline", "turtleneck", True)}  # a closed compound


def test_retraction_of_values_wishes_and_facets(lexicon):
    assert parse("forget the stripes", lexicon).forgotten_values == [("pattern", "striped")]
    assert parse("forget the pelican", lexicon).forgotten == ["pelican"]
    assert parse("never mind the colour", lexicon).retracted == ["colour"]
    p = parse("a red dress, no pelican", lexicon)
    assert p.unwanted == ["pelican"] and p.wishes == []


@pytest.mark.parametrize("text", ["that's it", "That's it!", "found it", "yes, this is the one", "I found it 🎉"])
def test_found(text, lexicon):
    assert parse(text, lexicon).found


def test_not_found(lexicon):
    assert not parse("that's it but in red", lexicon).found
    assert not parse("a red coat", lexicon).found


def test_out_of_catalog_things(lexicon):
    p = parse("a red sports car", lexicon)
    assert said("a red sports car", lexicon) == {("colour", "red", True)}
    assert [(s, w.kind, w.domain) for s, w in p.elsewhere] == [("sports car", "outside", "vehicle")]
    assert p.wishes == []
    assert [(s, w.kind) for s, w in parse("sneakers", lexicon).elsewhere] == [("sneakers", "lacking")]


# -- through a session -------------------------------------------------------------------------------------


def test_typed_thats_it_ends_the_search_like_the_button(hash_assistant):
    s = hash_assistant.new_session()
    s.reset()
    s.step(Turn(text="a red coat"))
    second = s.state.last_results[1]
    reply = s.step(Turn(text="the second one, that's it"))
    assert reply.done and s.state.found == second and reply.results[0].id == second
    s2 = hash_assistant.new_session()
    s2.reset()
    s2.step(Turn(text="a red coat"))
    first = s2.state.last_results[0]
    assert s2.step(Turn(text="found it!")).done and s2.state.found == first


def test_a_generalisation_is_said_and_kept_in_the_query(hash_assistant):
    s = hash_assistant.new_session()
    s.reset()
    reply = s.step(Turn(text="jodhpurs"))
    assert "“jodhpurs” as trousers" in reply.message
    assert s.state.known()["category"] == "trousers" and "jodhpurs" in reply.query
    assert any("jodhpurs" in e for e in reply.explanation)  # the "why" panel lists the wish
    reply = s.step(Turn(text="actually a skirt"))  # a turn that contradicts it: the wish goes
    assert "jodhpurs" not in reply.query and s.state.wishes == []


def test_wishes_can_be_dropped_in_words(hash_assistant):
    s = hash_assistant.new_session()
    s.reset()
    assert "pelican" in s.step(Turn(text="a red dress with a pelican")).query
    reply = s.step(Turn(text="forget the pelican"))
    assert "pelican" not in reply.query and not any("pelican" in e for e in reply.explanation)
    s.step(Turn(text="a flamingo on it"))
    assert "flamingo" not in s.step(Turn(text="no flamingo")).query


def test_forget_a_value(hash_assistant):
    s = hash_assistant.new_session()
    s.reset()
    s.step(Turn(text="a striped red coat"))
    s.step(Turn(text="forget the stripes"))
    assert "pattern" not in s.state.known() and s.state.known()["colour"] == "red"


def test_getting_rid_of_a_value_never_asked_for_rules_it_out(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress"))
    s.step(Turn(text="get rid of the floral ones"))  # "rid" was a wish and floral wanted
    assert s.state.beliefs["pattern"].negatives == ["floral"] and s.state.known()["colour"] == "red"
    s.step(Turn(text="a striped red coat"))
    s.step(Turn(text="take away the stripes"))  # asked for: only forgotten, as "forget the stripes"
    assert "pattern" not in s.state.known() and "striped" not in s.state.beliefs["pattern"].negatives


def test_not_having_to_be_a_value_forgets_it_and_not_having_a_preference_is_no_preference(hash_assistant, lexicon):
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress"))
    s.step(Turn(text="it doesn't have to be red"))  # red was ruled out
    assert "colour" not in s.state.known() and "red" not in s.state.beliefs["colour"].negatives
    s.step(Turn(text="a dress"))
    s.step(Turn(text="it doesn't have to be blue"))  # nothing said of blue: forgetting it rules nothing out
    colour = s.state.beliefs.get("colour")
    assert colour is None or "blue" not in colour.negatives
    s.step(Turn(text="a red dress"))
    s.step(Turn(text="it doesn't have to be red or pink"))  # were forgotten words, red kept (review)
    assert "colour" not in s.state.known()
    assert parse("i don't have a preference", lexicon).dont_care  # "preference" was an unwanted word


@pytest.mark.parametrize("text, kind, style", [
    ("a wrap dress", "dress", "wrap"),  # "This demo catalog has no wraps"
    ("a tunic top", "t-shirt", "tunic"),
    ("a kimono jacket", "jacket", "kimono"),
])
def test_a_garment_the_catalog_lacks_before_a_kind_it_has_is_a_style_of_that_kind(text, kind, style, lexicon):
    p = parse(text, lexicon)
    assert p.elsewhere == [] and style in p.wishes
    assert [m.value for m in p.mentions if m.facet == "category"] == [kind]
    assert [span for span, _ in parse("a kimono", lexicon).elsewhere] == ["kimono"]  # alone, still reported
    assert "wrap" in parse("not a wrap dress", lexicon).unwanted  # no wanted style (review)


def test_out_of_catalog_replies_are_honest_and_the_search_runs(hash_assistant):
    s = hash_assistant.new_session()
    s.reset()
    reply = s.step(Turn(text="a red sports car"))
    assert "has no sports cars" in reply.message and "clothes and accessories such as" in reply.message
    assert s.state.known() == {"colour": "red"} and reply.results
    reply = s.step(Turn(text="sneakers"))
    assert "no sneakers (a kind of shoe)" in reply.message
    reply = s.step(Turn(text="a cardigan"))
    assert "closest kind it has is hoodies" in reply.message and s.state.known()["category"] == "hoodie"


def test_state_with_wishes_stays_json(hash_assistant):
    s = hash_assistant.new_session()
    s.reset()
    s.step(Turn(text="a bolero with a pelican"))
    data = json.loads(json.dumps(s.state.to_dict()))
    assert DialogueState.from_dict(data).to_dict() == s.state.to_dict()
    assert data["wish_facets"] == {"bolero": "category"}


def test_negation_shapes_found_in_round_24(lexicon):
    assert said("no more stripes", lexicon) == {("pattern", "striped", False)}  # the longest cue wins
    p = parse("a dress without any sleeves", lexicon)  # none wanted, not "any sleeve length"
    assert p.retracted == [] and ("sleeve", "sleeveless", True) in said("a dress without any sleeves", lexicon)
    assert said("any colour but red", lexicon) == {("colour", "red", False)}  # as "anything but red"
    assert parse("any colour is fine", lexicon).retracted == ["colour"]  # still a retraction


def test_contrast_and_not_knowing_found_in_round_25(lexicon, hash_assistant):
    # the red both have is not what the "not" is about; a "not" about the colour alone still corrects it
    assert said("a red dress, not a red skirt", lexicon) == {
        ("colour", "red", True), ("category", "dress", True), ("category", "skirt", False)}
    assert ("colour", "red", False) in said("red, no, not red, more like blue", lexicon)
    assert said("not only red but also blue", lexicon) == {("colour", "red", True), ("colour", "blue", True)}
    assert said("not red but blue", lexicon) == {("colour", "red", False), ("colour", "blue", True)}
    for text in ("I don't remember", "i don't know", "I can't remember", "dunno"):
        assert parse(text, lexicon).dont_care, text
    assert not parse("I don't know, maybe red", lexicon).dont_care
    s = hash_assistant.new_session()
    s.reset()
    s.step(Turn(text="a red dress, not a red skirt"))
    assert s.state.known()["colour"] == "red" and s.state.known()["category"] == "dress"
    assert "skirt" in s.state.beliefs["category"].negatives


def test_not_remembering_is_not_asked_again(hash_assistant):
    s = hash_assistant.new_session()
    s.reset()
    r = s.step(Turn(text="a dress"))
    asked = r.question.facet
    r = s.step(Turn(text="I don't remember"))
    assert r.question and r.question.facet != asked  # the facet is settled as "no preference", not a miss
    assert all(f != asked for f, _ in s.state.answers)
