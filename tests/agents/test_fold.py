"""Readings in the context of the dialogue (``agents.fold``): words a correction takes back never become
beliefs or query words, and a guess about another facet than the one asked stays only as the user's words."""

from agents.confidence import is_guess
from agents.fold import screen
from agents.parsed import Mention, Parsed
from agents.turns import Turn
from agents.understand import parse


def _scopes(hash_assistant, text: str) -> list[set[str]]:
    return parse(text, hash_assistant.lexicon).taken_back


def test_negation_scopes_stop_at_punctuation_and_at_the_meant_words(hash_assistant):
    assert _scopes(hash_assistant, "strawberry... no, not strawberry, more like persimmon") == [{"strawberry"}]
    assert _scopes(hash_assistant, "NOT glen check but one flat colour") == [{"glen", "check"}]
    assert _scopes(hash_assistant, "not red more like coral") == [{"red"}]
    assert _scopes(hash_assistant, "a red striped t-shirt") == []


def test_screen_drops_taken_back_readings_and_keeps_the_meant_one(hash_assistant):
    facets = hash_assistant.facets
    meant = Mention("colour", "orange", True, "colour resource", "persimmon")
    said = Mention("colour", "red", True, "colour survey", "strawberry")
    ruled = Mention("colour", "red", False, "colour survey", "strawberry")
    other = Mention("colour", "green", True, "colour resource", "glen")  # read from the taken-back words
    parsed = Parsed(mentions=[meant, said, ruled, other], wishes=["glen check", "flat"],
                    taken_back=[{"strawberry"}, {"glen", "check"}])  # "…, not strawberry, not glen check, …"
    kept, off = screen(parsed, parsed.mentions, "colour", facets)
    assert kept == [meant, ruled] and off == []
    assert parsed.wishes == ["flat"]  # "glen check" was taken back: not a wish either


def test_screen_keeps_a_guess_about_another_facet_as_words_and_a_sure_reading_as_a_belief(hash_assistant):
    facets = hash_assistant.facets
    guess = Mention("category", "hat", True, "similarity", "arms covered")
    sure = Mention("colour", "red", True, "lexicon", "red")
    asked = Mention("sleeve", "long", True, "lexicon", "long sleeves")
    kept, off = screen(Parsed(), [guess, sure, asked], "sleeve", facets)
    assert kept == [sure, asked] and off == [guess]
    kept, off = screen(Parsed(), [guess], None, facets)  # no question: the guess is a belief
    assert kept == [guess] and off == []


def _answer(hash_assistant, first: str, facet: str, text: str):
    s = hash_assistant.new_session()
    s.step(Turn(text=first))
    s.state.pending_question = facet
    s.state.asked.append(facet)
    s.step(Turn(text=text))
    return s


def test_a_correction_keeps_the_meant_colour(hash_assistant):
    meant = [m for m in parse("persimmon", hash_assistant.lexicon, "colour").mentions if m.positive]
    assert meant and meant[0].value != "red"
    s = _answer(hash_assistant, "a dress", "colour", "strawberry... no, not strawberry, more like persimmon")
    b = s.state.beliefs["colour"]
    assert b.positive == meant[0].value and "red" in b.negatives  # before: red replaced it, then was ruled out


def test_taken_back_words_stay_out_of_the_query(hash_assistant):
    s = _answer(hash_assistant, "a t-shirt", "sleeve", "muscle cut... no, not muscle cut, more like qzxv")
    assert "muscle" not in s.last_query.caption and "muscle cut" not in s.state.wishes


def test_a_guessed_kind_in_an_answer_about_sleeves_leaves_the_kind(hash_assistant):
    text = "hmm arms covreed maybe"  # a typo MiniLM likens to a hat
    hash_assistant.lexicon.warm()  # the MiniLM vote, loaded in the background otherwise
    kinds = [m for m in parse(text, hash_assistant.lexicon, "sleeve").mentions if m.facet == "category"]
    assert kinds and kinds[0].source == "similarity" and is_guess(kinds[0].confidence) and kinds[0].value != "shirt"
    s = _answer(hash_assistant, "a shirt", "sleeve", text)
    assert s.state.beliefs["category"].positive == "shirt"
    assert s.state.wish_facets.get(kinds[0].text) == "category" and kinds[0].text in s.last_query.caption
    s = _answer(hash_assistant, "a dress", "sleeve", "a shacket")  # a garment word by its shape: a change of kind
    shacket = [m for m in parse("a shacket", hash_assistant.lexicon).mentions if m.facet == "category"]
    assert shacket and s.state.beliefs["category"].positive == shacket[0].value != "dress"
    s = _answer(hash_assistant, "a dress", "sleeve", "in red")  # a sure reading of another facet: a belief
    assert s.state.beliefs["colour"].positive == "red"


def test_no_and_the_asked_facet_settles_it(hash_assistant):
    from agents.fold import not_applicable

    facets = hash_assistant.facets
    assert not_applicable("it's a hat, no scale", "scale", facets)
    assert not_applicable("It's a bag, no fastening", "closure", facets)  # the question's label
    assert not not_applicable("a small scale", "scale", facets) and not not_applicable("no idea", "scale", facets)
    s = _answer(hash_assistant, "a hat", "scale", "it's a hat, no scale")
    assert "scale" in s.state.settled and "scale" not in s.state.unread  # not asked a second time
    s = _answer(hash_assistant, "a hat", "scale", "qzxv")
    assert "scale" in s.state.unread and "scale" not in s.state.settled


def test_an_answer_about_one_facet_never_overrides_the_answer_to_another_facets_question(hash_assistant):
    s = _answer(hash_assistant, "a coat", "colour", "red")
    assert s.state.beliefs["colour"].source == "answer"
    s.state.pending_question = "category"
    s.step(Turn(text="more like pea coat"))  # "pea" reads as green, in the answer about the kind
    assert s.state.beliefs["colour"].positive == "red" and s.state.beliefs["category"].positive == "coat"
    assert s.state.wish_facets.get("pea") == "colour"
    s = hash_assistant.new_session()
    s.step(Turn(text="a red coat"))  # the opening is no answer: a later reading replaces it
    s.state.pending_question = "category"
    s.step(Turn(text="more like pea coat"))
    assert s.state.beliefs["colour"].positive == "green"


def test_a_correction_of_another_facet_is_taken_whatever_was_asked(hash_assistant):
    facets = hash_assistant.facets
    guess = Mention("colour", "beige", True, "colour resource", "champagne")
    ruled = Mention("colour", "red", False, "lexicon", "red")
    kept, off = screen(Parsed(taken_back=[{"red"}]), [ruled, guess], "pattern", facets)
    assert kept == [ruled, guess] and off == []


def test_negation_scopes_end_where_the_negation_ends(hash_assistant):  # found in review
    assert _scopes(hash_assistant, "not red maybe blue") == [{"red"}]
    assert _scopes(hash_assistant, "not short actually long") == [{"short"}]
    assert _scopes(hash_assistant, "a dress with pockets, not a skirt with pockets") == [{"skirt"}]
    assert _scopes(hash_assistant, "anything but green, no logo") == []  # "no logo" is a reading, not a correction
    assert _scopes(hash_assistant, "no, not mid-calf, more like long") == [{"mid", "calf"}]


def test_the_word_after_the_taken_back_one_is_kept(hash_assistant):
    s = _answer(hash_assistant, "a dress", "colour", "not red maybe blue")
    b = s.state.beliefs["colour"]
    assert b.positive == "blue" and "red" in b.negatives  # before the fix: blue was dropped as taken back


def test_words_outside_a_taken_back_span_stay_in_the_query(hash_assistant):
    parsed = parse("a dress with pockets, not a skirt with pockets", hash_assistant.lexicon)
    before = list(parsed.wishes)
    screen(parsed, [], None, hash_assistant.facets)
    assert "pockets" in " ".join(before) and parsed.wishes == before


def _two_answers(hash_assistant, text: str):
    s = _answer(hash_assistant, "a dress", "colour", "red")
    assert s.state.beliefs["colour"].positive == "red"
    s.state.pending_question = "sleeve"
    s.state.asked.append("sleeve")
    s.step(Turn(text=text))
    return s


def test_an_answer_can_still_correct_an_earlier_answer(hash_assistant):  # found in review
    for text in ("long sleeves, and blue not red", "long sleeves, not red but blue",
                 "long sleeves. oh and actually it was blue"):
        s = _two_answers(hash_assistant, text)
        assert s.state.beliefs["colour"].positive == "blue", text
        assert s.state.beliefs["sleeve"].positive == "long", text


def test_an_answer_about_one_facet_leaves_another_answer_alone(hash_assistant):
    s = _two_answers(hash_assistant, "long sleeves, a bit like a blue jay")
    assert s.state.beliefs["colour"].positive == "red"


def test_a_shade_ruled_out_under_the_wanted_colour_keeps_the_colour(hash_assistant):  # found in review
    facets = hash_assistant.facets
    want = Mention("colour", "blue", True, "colour survey", "light blue")
    navy = Mention("colour", "blue", False, "lexicon", "navy")
    parsed = Parsed(mentions=[want, navy])
    kept, off = screen(parsed, parsed.mentions, None, facets)
    assert kept == [want] and off == [] and parsed.unwanted == ["navy"]
    s = hash_assistant.new_session()
    s.step(Turn(text="a dress, light blue, not navy"))
    assert s.state.beliefs["colour"].positive == "blue" and "blue" not in s.state.beliefs["colour"].negatives


def test_a_correction_to_another_value_still_takes_the_first_back(hash_assistant):
    facets = hash_assistant.facets
    said = Mention("colour", "red", True, "colour survey", "cherry")
    ruled = Mention("colour", "red", False, "lexicon", "red")
    meant = Mention("colour", "orange", True, "colour resource", "persimmon")
    parsed = Parsed(mentions=[said, ruled, meant])
    kept, _ = screen(parsed, parsed.mentions, None, facets)
    assert kept == [ruled, meant] and parsed.unwanted == []
