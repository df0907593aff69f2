"""Things named with a colour word in front that are no colour (round 30, ``agents/colourless.py``): the
compiled WordNet asset's ``colourless`` table, read before every colour source."""

from agents.colourless import read_colourless
from agents.knowledge import load_asset
from agents.parsed import Parsed
from agents.understand import parse


def _colours(text, lexicon, expect=None):
    return [m.value for m in parse(text, lexicon, expect).mentions if m.facet == "colour"]


def test_the_table_holds_things_whose_usual_sense_names_no_colour():
    table = load_asset()["colourless"]
    for word in ("greenhouse", "blackmail", "brownie", "white lie", "red herring", "greyhound", "blackboard"):
        assert word in table, word
    # their most frequent sense has the colour, or they are colour words, or a colour source names them
    for word in ("redhead", "blackberry", "redwood", "greenish", "navy", "blues", "reddish", "blackness",
                 "goldenrod", "bluebird", "greenery", "yellow ochre"):
        assert word not in table, word


def test_such_a_thing_reads_no_colour_anywhere(lexicon):
    # each of these read as its colour word before (the colour resource, MiniLM's vote or the phrase reader)
    for text in ("greenhouse", "a greenhouse print", "a scarf for a red herring fan", "blackmail", "a white lie",
                 "a coat for walking my greyhound", "a jumper for a redbrick university"):
        assert _colours(text, lexicon) == [], text
    assert _colours("greenhouse", lexicon, "colour") == []  # not as the answer to the colour question either
    parsed = parse("a t-shirt for my greengrocer job", lexicon)
    assert "greengrocer" in parsed.wishes and [m.value for m in parsed.mentions] == ["t-shirt"]


def test_a_colour_before_a_value_of_another_facet_stays_a_colour(lexicon):
    # WordNet's "yellow jacket" is a wasp and its "blackshirt" a fascist: the garment word after the colour wins
    assert "yellow" in _colours("a yellow jacket", lexicon)
    assert _colours("a black shirt", lexicon) == ["black"]
    assert "red" in _colours("a red coat", lexicon)
    for text in ("a navy dress", "a green dress", "in blues and greens", "a white shirt"):
        assert _colours(text, lexicon), text  # the colour is said


def test_the_reader_blanks_the_longest_phrase_and_keeps_it_as_a_wish(lexicon):
    out = Parsed()
    toks = read_colourless(["a", "white", "lie", "and", "a", "red", "dress"], lexicon, out)
    assert toks == ["a", "", "", "and", "a", "red", "dress"] and out.wishes == ["white lie"]


def test_a_colour_said_of_the_purpose_is_that_things(lexicon):
    # "for <det>" or "for <doing> <det>" after the named kind: the colour word is the purpose's (agents/applicable.py)
    for text, word in (("a dress for the red carpet", "red"), ("a bag for my black laptop", "black"),
                       ("a bag for carrying oranges", "oranges"), ("a shirt for my coffee shop job", "coffee")):
        parsed = parse(text, lexicon)
        assert _colours(text, lexicon) == [] and word in parsed.wishes, text
    # the colour before the kind, or after it in its own words, is the garment's
    for text, colour in (("looking for a red dress", "red"), ("a red dress for a wedding", "red"),
                         ("a dress for a wedding in red", "red"), ("a dress for a wedding, navy please", "blue")):
        assert _colours(text, lexicon) == [colour], text
