"""Messages that talk to the assistant (agents/intents.py): greetings, help, "what did you understand?", thanks,
"start over" and "undo" are answered, never searched for, and "I'm not sure"-style answers settle a question."""

from __future__ import annotations

import json

import pytest

from agents.intents import intent_of
from agents.replies import HELP, NOTHING_TO_REDO, NOTHING_TO_UNDO, NOTHING_YET
from agents.session import Session
from agents.turns import Turn
from agents.understand import parse


@pytest.mark.parametrize("text, name, rest", [
    ("hi!", "greet", ""), ("Hello there", "greet", ""), ("hey 👋", "greet", ""),
    ("help", "help", ""), ("What can you do?", "help", ""), ("how does this work?", "help", ""),
    ("what did you understand?", "recap", ""), ("Why these results?", "recap", ""),
    ("what do you know so far", "recap", ""),
    ("thanks!", "thanks", ""), ("ok thank you so much", "thanks", ""),
    ("start over", "restart", ""), ("new search please", "restart", ""), ("let's start again", "restart", ""),
    ("Start over: a blue skirt", "restart", "a blue skirt"), ("new search for a red hat", "restart", "a red hat"),
    ("none of these", "none", ""), ("Neither of them", "neither", ""), ("no, none of those are right", "none", ""),
    ("show me more", "more", ""), ("next page", "more", ""), ("any other options?", "more", ""),
    ("redo", "redo", ""), ("undo the undo", "redo", ""), ("put it back", "redo", ""), ("un-undo", "redo", ""),
    ("redo, and in blue", "redo", "in blue"),
    ("undo", "undo", ""), ("go back", "undo", ""), ("scratch that", "undo", ""), ("undo the last change", "undo", ""),
])
def test_whole_messages_that_talk_to_the_assistant(text, name, rest):
    intent = intent_of(text)
    assert (intent.name, intent.rest) == (name, rest) if name else intent is None


@pytest.mark.parametrize("text", [
    "hi, a red dress please", "help me find a red dress", "forget the red", "no, not that", "back",
    "a dress with an open back", "thanks, now a blue one", "the first one", "red", "",
])
def test_descriptions_are_no_intent(text):
    assert intent_of(text) is None


@pytest.mark.parametrize("text", [
    "hmm not sure", "I'm not sure", "not really sure", "no clue, sorry", "you choose", "up to you",
    "skip this one", "next question", "pass", "whatever", "no idea really", "both are fine", "either one",
])
def test_not_knowing_or_passing_settles_the_question(hash_assistant, text):
    parsed = parse(text, hash_assistant.lexicon, "colour")
    assert parsed.dont_care and not parsed.mentions and not parsed.wishes and not parsed.unwanted


@pytest.mark.parametrize("text, unwanted_wish", [
    ("go back to blue", "back"), ("the second one is close but with longer sleeves", "close"),
    ("perfect, almost there", "perfect"),
])
def test_conversational_words_never_become_wishes(hash_assistant, text, unwanted_wish):
    assert unwanted_wish not in " ".join(parse(text, hash_assistant.lexicon).wishes)


def test_go_back_to_a_value_reads_the_value(hash_assistant):
    assert [(m.facet, m.value) for m in parse("go back to blue", hash_assistant.lexicon).mentions] == [("colour", "blue")]


def _beliefs(s: Session) -> dict[str, str]:
    return s.state.known()


def test_a_greeting_help_and_recap_answer_without_searching(hash_assistant):
    s = hash_assistant.new_session()
    r = s.step(Turn(text="hi!"))
    assert HELP in r.message and "didn't recognise" not in r.message and not r.error
    assert s.step(Turn(text="what did you understand?")).message.startswith(NOTHING_YET)
    first = s.step(Turn(text="a red dress with short sleeves"))
    before = (_beliefs(s), list(s.state.wishes), list(s.state.last_results), s.last_question)
    r = s.step(Turn(text="What did you understand?"))
    assert "colour: red" in r.message and "type of item: dress" in r.message
    assert first.question is not None and r.question == first.question and r.message.endswith(first.question.text)
    assert [x.id for x in r.results] == before[2]
    r = s.step(Turn(text="thanks!"))
    assert (_beliefs(s), list(s.state.wishes), list(s.state.last_results), s.last_question) == before
    assert "understand" not in " ".join(s.state.wishes)
    said = [t.text for t in s.state.turns if t.role == "user"]
    assert said == ["hi!", "what did you understand?", "a red dress with short sleeves", "What did you understand?",
                    "thanks!"]  # every message is kept in the dialogue


def test_start_over_clears_the_search_and_undo_brings_it_back(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress"))
    r = s.step(Turn(text="start over"))
    assert _beliefs(s) == {} and r.question is None and "starting over" in r.message.lower() and r.results
    r = s.step(Turn(text="undo"))
    assert _beliefs(s) == {"colour": "red", "category": "dress"} and "“start over”" in r.message
    s.step(Turn(text="start over: a striped skirt"))
    assert _beliefs(s) == {"pattern": "striped", "category": "skirt"}
    assert len([t for t in s.state.turns if t.role == "user"]) == 4


def test_undo_takes_back_one_turn_at_a_time_and_survives_a_restart(hash_assistant):
    s = hash_assistant.new_session()
    assert s.step(Turn(text="undo")).message == NOTHING_TO_UNDO
    s.step(Turn(text="a red dress"))
    s.step(Turn(text="with long sleeves"))
    s.step(Turn(text="blue"))
    assert _beliefs(s)["colour"] == "blue"
    restored = Session.from_dict(hash_assistant, json.loads(json.dumps(s.to_dict())))  # a server restart
    r = restored.step(Turn(text="undo"))
    assert _beliefs(restored) == {"colour": "red", "category": "dress", "sleeve": "long"} and "“blue”" in r.message
    s.step(Turn(text="undo"))
    s.step(Turn(text="undo"))
    assert _beliefs(s) == {"colour": "red", "category": "dress"}
    s.step(Turn(text="undo"))
    assert _beliefs(s) == {}


def test_undo_takes_back_a_click(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress"))
    s.step(Turn(action="like", item_id=s.state.last_results[0]))
    assert s.state.references
    r = s.step(Turn(text="undo"))
    assert not s.state.references and not s.state.liked and "More like this" in r.message
    assert _beliefs(s) == {"colour": "red", "category": "dress"}


def test_none_of_these_rejects_every_shown_result(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a dress"))
    shown = list(s.state.last_results)
    r = s.step(Turn(text="none of these"))
    assert set(shown) <= set(s.state.rejected) and not set(shown) & {x.id for x in r.results}
    assert r.message.startswith("OK, none of those") and "didn't recognise" not in r.message
    assert intent_of("None of these, something in red").rest == "something in red"
    r = s.step(Turn(text="undo"))
    assert not s.state.rejected


def test_show_me_more_shows_the_next_results_for_one_turn(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a dress"))
    shown = list(s.state.last_results)
    r = s.step(Turn(text="show me more"))
    assert not set(shown) & {x.id for x in r.results} and r.results
    assert not s.state.rejected  # nothing rejected: a later turn may rank them first again
    assert "didn't recognise" not in r.message and "more" not in " ".join(s.state.wishes)


@pytest.mark.parametrize("text, comparatives", [
    ("make the dots bigger", [("scale", 1)]), ("smaller checks please", [("scale", -1)]),
    ("a larger bag", []),  # the bag's size, not a pattern's: the catalog has no bag sizes
    ("a longer dress", [("length", 1)]), ("shorter sleeves", [("sleeve", -1)]),
    ("make the sleeves shorter", [("sleeve", -1)]), ("the sleeves a bit longer", [("sleeve", 1)]),  # was the hem
    ("a short sleeve longer dress", [("length", 1)]),  # the dress's (review)
    ("make the stripes thinner", [("scale", -1)]), ("thicker stripes", [("scale", 1)]),
])
def test_comparatives(hash_assistant, text, comparatives):
    p = parse(text, hash_assistant.lexicon)
    assert p.comparatives == comparatives
    assert not {m.facet for m in p.mentions} & {"scale", "fit"} and not p.wishes  # "the" is no size, "thinner" no fit


def test_thinner_without_a_pattern_is_a_word_not_a_pattern_size(hash_assistant):
    p = parse("thinner trousers", hash_assistant.lexicon)
    assert not p.comparatives and ("fit", "slim") in {(m.facet, m.value) for m in p.mentions}
    p = parse("a thinner dress", hash_assistant.lexicon)  # a dress has no fit (agents.applicable): a word
    assert not p.comparatives and p.wishes == ["thinner"]
    assert parse("a thicker coat", hash_assistant.lexicon).wishes == ["thicker"]


def test_a_comparative_never_compares_with_the_greetings_sample(hash_assistant, monkeypatch):
    s = hash_assistant.new_session()
    s.reset()  # a random sample of the catalog on screen, no request yet
    monkeypatch.setattr(hash_assistant.retriever, "likely_facets", lambda i: {"length": "maxi"})
    s.step(Turn(text="a shorter dress"))
    assert "length" not in s.state.known()


def test_shorter_with_nothing_known_is_shorter_than_what_is_shown(hash_assistant, monkeypatch):
    s = hash_assistant.new_session()
    s.step(Turn(text="a dress"))
    shown = s.state.last_results
    lengths = {i: "maxi" if k < 7 else "midi" for k, i in enumerate(shown)}  # most of what is shown is maxi
    monkeypatch.setattr(hash_assistant.retriever, "likely_facets", lambda i: {"length": lengths.get(i, "mini")})
    s.step(Turn(text="shorter"))
    assert s.state.known()["length"] == "midi"
    s.step(Turn(text="shorter"))  # now from the length asked for
    assert s.state.known()["length"] == "mini"
    s.step(Turn(text="a dress"))
    s.state.beliefs.pop("length")
    s.step(Turn(text="shorter", looking_at=shown[8]))  # than the result open (midi), not what most results show
    assert s.state.known()["length"] == "mini"


def test_a_bigger_pattern_with_no_size_known_reads_large(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a polka-dot shirt"))
    s.step(Turn(text="make the dots bigger"))
    assert s.state.known()["scale"] == "large"
    s.step(Turn(text="smaller dots"))
    assert s.state.known()["scale"] == "small"


def test_this_names_the_result_the_user_has_open(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a dress"))
    open_id = s.state.last_results[3]
    r = s.step(Turn(text="like this but in red", looking_at=open_id))
    assert s.state.references[-1].item_id == open_id and s.state.known()["colour"] == "red" and not r.error
    other = s.state.last_results[2]
    s.step(Turn(text="not this one", looking_at=other))
    assert other in s.state.rejected
    r = s.step(Turn(text="not this one"))  # nothing open: which one?
    assert "Which one?" in r.message and "didn't recognise" not in r.message
    chosen = s.state.last_results[1]
    assert s.step(Turn(text="that's it!", looking_at=chosen)).done and s.state.found == chosen


def test_this_with_no_result_open_is_no_rejection(hash_assistant):
    assert not parse("not this colour, more like red", hash_assistant.lexicon).not_this
    assert parse("no, not that one", hash_assistant.lexicon).not_this


def test_not_like_this_with_a_result_open_rejects_it(hash_assistant):
    for text in ("not like this", "I do not like this", "nothing like this"):
        s = hash_assistant.new_session()
        s.step(Turn(text="a red dress"))
        open_id = s.state.last_results[4]
        s.step(Turn(text=text, looking_at=open_id))
        assert open_id in s.state.rejected and not s.state.references, text
        assert s.state.known() == {"colour": "red", "category": "dress"}


def _to_pair_question(s: Session) -> None:
    for text in ["a red dress", "long sleeves", "v-neck", "floral", "maxi", "doesn't matter", "doesn't matter"]:
        if s.last_question and s.last_question.facet == "closer":
            return
        s.step(Turn(text=text))
    pytest.skip("no pair question reached on this gallery")


def test_neither_to_the_pair_question_rejects_the_pair_only(hash_assistant):
    s = hash_assistant.new_session()
    _to_pair_question(s)
    pair = list(s.state.pair)
    r = s.step(Turn(text="neither"))
    assert sorted(s.state.rejected) == sorted(pair) and r.message.startswith("OK, neither")


def test_neither_to_an_attribute_question_is_no_preference(hash_assistant):
    s = hash_assistant.new_session()
    r = s.step(Turn(text="a dress"))
    asked = r.question.facet
    s.step(Turn(text="neither"))
    assert asked in s.state.settled and not s.state.rejected


def test_show_me_more_pages_on_until_the_request_changes(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a dress"))
    pages = [set(s.state.last_results)]
    for _ in range(3):
        r = s.step(Turn(text="show me more"))
        pages.append({x.id for x in r.results})
        assert not any("rejected" in e for e in r.explanation)
    assert all(not (a & b) for i, a in enumerate(pages) for b in pages[i + 1:])  # every page new
    r = s.step(Turn(text="red"))
    assert not s.state.paged


def test_undo_then_new_words(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress"))
    s.step(Turn(text="green"))
    r = s.step(Turn(text="undo that, I meant blue"))
    assert s.state.known()["colour"] == "blue" and "undo" not in r.query and "meant" not in r.query
    assert r.message.startswith("OK, I took back “green”.")


def test_a_greeting_is_no_search_turn(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="hi"))
    r = s.step(Turn(text="that's it"))
    assert not r.done and s.state.found is None


def test_a_failed_turn_leaves_nothing_to_undo(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress"))
    s.step(Turn(text="with long sleeves"))
    r = s.step(Turn(text="like this", images=[b"not an image"]))
    assert r.error and len(s.undo) == 2
    s.step(Turn(text="undo"))
    assert s.state.known() == {"colour": "red", "category": "dress"}


def test_start_over_and_undo_keep_the_search_turns_right(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress"))
    s.step(Turn(text="help"))
    s.step(Turn(text="start over"))
    s.step(Turn(text="a blue skirt"))
    assert [t.text for t in s.state.search_turns if t.role == "user"] == ["a blue skirt"]
    s.step(Turn(text="undo"))
    s.step(Turn(text="undo"))
    assert [t.text for t in s.state.search_turns if t.role == "user"] == ["a red dress"]
    assert [t.text for t in s.state.turns if t.role == "user"][:4] == ["a red dress", "help", "start over", "a blue skirt"]


def test_reset_forgets_the_undo_steps(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress"))
    s.reset()
    assert s.step(Turn(text="undo")).message == NOTHING_TO_UNDO


@pytest.mark.parametrize("text, kept", [
    ("a close-fitting dress", "close fitting"), ("a t-shirt with a US flag", "us flag"),
])
def test_content_words_stay_wishes(hash_assistant, text, kept):
    assert kept in parse(text, hash_assistant.lexicon).wishes


def test_an_undo_step_keeps_the_search_not_the_dialogue(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress"))
    s.step(Turn(text="with long sleeves"))
    assert all(step["state"]["turns"] == [] for step in s.undo) and len(s.undo) == 2
    assert s.undo[-1]["state"]["beliefs"]["colour"]["positive"] == "red"
    assert len(s.state.turns) == 4 and len(s.to_dict()["state"]["turns"]) == 4  # the dialogue itself stays whole


def test_redo_puts_back_what_undo_took_back_until_the_search_changes(hash_assistant):
    s = hash_assistant.new_session()
    assert s.step(Turn(text="redo")).message == NOTHING_TO_REDO
    s.step(Turn(text="a red dress"))
    s.step(Turn(text="with long sleeves"))
    s.step(Turn(text="undo"))
    s.step(Turn(text="undo"))
    assert _beliefs(s) == {}
    s.step(Turn(text="redo"))
    assert _beliefs(s) == {"colour": "red", "category": "dress"}
    r = s.step(Turn(text="redo"))
    assert "“with long sleeves”" in r.message and _beliefs(s)["sleeve"] == "long"
    s.step(Turn(text="undo"))  # and back again: redo is undoable
    assert "sleeve" not in _beliefs(s)
    restored = Session.from_dict(hash_assistant, json.loads(json.dumps(s.to_dict())))  # a server restart
    restored.step(Turn(text="redo"))
    assert _beliefs(restored)["sleeve"] == "long"
    s.step(Turn(text="blue"))  # new words: what was undone stays undone
    assert s.step(Turn(text="redo")).message.startswith(NOTHING_TO_REDO) and "sleeve" not in _beliefs(s)
    assert [t.text for t in s.state.turns if t.role == "user"][-2:] == ["blue", "redo"]  # the dialogue keeps all


def test_a_thing_already_asked_for_as_a_print_is_not_said_to_be_missing(hash_assistant):
    s = hash_assistant.new_session()
    assert "has no cats" in s.step(Turn(text="a cat")).message  # asked for on its own: the catalog has none
    s = hash_assistant.new_session()
    s.step(Turn(text="a t-shirt with a cat print"))
    r = s.step(Turn(text="the cat should be small"))
    assert "has no" not in r.message and "cat print" in " ".join(s.state.wishes)


def test_undo_then_new_words_is_a_step_of_its_own(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress"))
    s.step(Turn(text="with long sleeves"))
    s.step(Turn(text="undo that, I meant short sleeves"))
    assert _beliefs(s)["sleeve"] == "short"
    r = s.step(Turn(text="undo"))  # takes back the correction only, and says so
    assert "short sleeves" in r.message and _beliefs(s) == {"colour": "red", "category": "dress"}
    r = s.step(Turn(text="redo"))
    assert "short sleeves" in r.message and _beliefs(s)["sleeve"] == "short"
    r = s.step(Turn(text="undo, and in blue"))
    assert _beliefs(s) == {"colour": "blue", "category": "dress"}


def test_a_failing_undo_with_words_leaves_everything_as_it_was(hash_assistant, monkeypatch):
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress"))
    s.step(Turn(text="with long sleeves"))
    undo, known = list(s.undo), _beliefs(s)
    monkeypatch.setattr(Session, "_step", lambda *a, **k: 1 / 0)
    assert s.step(Turn(text="undo that, I meant short sleeves")).error
    assert _beliefs(s) == known and s.undo == undo and s.redo == []


def test_a_stale_open_result_does_not_refuse_a_message_to_the_assistant(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a dress"))
    gone = next(i for i in range(10_000) if i not in s.state.last_results)
    assert not s.step(Turn(text="help", looking_at=gone)).error
    assert s.step(Turn(text="not this one", looking_at=gone)).error


def test_a_thing_named_again_is_no_print_when_asked_for_on_its_own(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a t-shirt with a car print"))
    assert "has no cars" in s.step(Turn(text="I want a car")).message
    s = hash_assistant.new_session()
    r = s.step(Turn(text="a t-shirt with cats on it"))  # on a garment: a print of them, kept in the search
    assert "has no" not in r.message and "cats" in s.state.wishes
    assert "has no" not in s.step(Turn(text="the cat should be small")).message
