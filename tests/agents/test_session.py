"""Session.step end to end on the demo gallery: conversations, references, clicks, bad input."""

import json

import numpy as np
import pytest

from agents.state import DialogueState
from agents.turns import Turn
from retrieval.catalog.items import EXAMPLE_SEED, make_item


def rank_of(session, item_id):
    hit = np.flatnonzero(session.last_ranking == item_id)
    return int(hit[0]) + 1 if len(hit) else 10**9


def find_item(library, **want):
    for item in library.gallery.get(library.gallery.ids().tolist()):
        if all(item.attributes.get(k) == v for k, v in want.items()):
            return item
    raise LookupError(want)


def test_target_climbs_into_top_10_as_answers_accumulate(demo_assistant, demo_library):
    target = find_item(demo_library, category="dress", pattern="striped")
    a = target.attributes
    s = demo_assistant.new_session()
    s.step(Turn(text="a dress"))
    first = rank_of(s, target.id)
    s.step(Turn(text=f"{a['colour']} with stripes"))
    s.step(Turn(text=f"{a['length']}, {a['sleeve']} sleeves" if a["sleeve"] != "sleeveless" else f"{a['length']}, sleeveless"))
    last = rank_of(s, target.id)
    assert last <= 10 and last < first


def test_heldout_words_find_the_same_items(demo_assistant, demo_library):
    target = find_item(demo_library, category="trousers", colour="red")
    s = demo_assistant.new_session()
    r = s.step(Turn(text="crimson pants"))
    assert "red" in r.query and "trousers" in r.query
    assert rank_of(s, target.id) <= 50


def test_questions_never_repeat_nor_ask_what_is_known(demo_assistant, demo_library):
    target = find_item(demo_library, category="t-shirt")
    s = demo_assistant.new_session()
    r = s.step(Turn(text="a t-shirt"))
    asked = []
    for _ in range(6):
        if not r.question:
            break
        f = r.question.facet
        assert f not in asked and f not in s.state.known()
        assert r.question.options[-1] == "doesn't matter"
        asked.append(f)
        value = target.attributes.get(f)
        r = s.step(Turn(text=value or "doesn't matter", answer_to=f))
    assert len(asked) >= 2 and "category" not in asked


def test_reference_photo_and_modification(demo_assistant):
    s = demo_assistant.new_session()
    ref = make_item(EXAMPLE_SEED, 0)
    r = s.step(Turn(text="like this but in blue", images=[ref.image()]))
    assert r.error is None
    assert any(e.startswith("starting from your photo") for e in r.explanation)
    assert "blue" in r.query
    assert s.state.references and s.state.beliefs["colour"].positive == "blue"


def test_clicks_reject_like_found(demo_assistant):
    s = demo_assistant.new_session()
    r = s.step(Turn(text="a hat"))
    first = r.results[0].id
    r = s.step(Turn(action="reject", item_id=first))
    assert first not in [x.id for x in r.results] and first not in s.last_ranking
    liked = r.results[1].id
    r = s.step(Turn(action="like", item_id=liked))
    assert liked not in [x.id for x in r.results]  # the reference itself is not a result
    assert s.state.references[-1].item_id == liked
    r = s.step(Turn(action="found", item_id=r.results[0].id))
    assert r.done and s.state.found == r.results[0].id


def test_negation_pushes_items_down(demo_assistant):
    s = demo_assistant.new_session()
    r = s.step(Turn(text="a skirt, not black"))
    assert all(x.facets.get("colour") != "black" for x in r.results[:10])


@pytest.mark.parametrize(
    "turn, words",
    [
        (Turn(text=""), "Type what you're looking for"),
        (Turn(text="   "), "Type what you're looking for"),
        (Turn(text="x" * 100_000), "characters long"),
        (Turn(text="hi", images=[b"not an image"] * 9), "at most"),
        (Turn(action="like", item_id=-5), "isn't among the ones shown"),
        (Turn(text="red", images=[b"GIF89a garbage"]), "not an image"),
    ],
)
def test_bad_input_gets_a_message_and_the_session_goes_on(hash_assistant, turn, words):
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress"))
    r = s.step(turn)
    assert r.error and words in r.error and "Traceback" not in r.error
    r = s.step(Turn(text="a blue shirt"))
    assert r.error is None and r.results


def test_state_round_trips_through_json(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress, no stripes"))
    s.step(Turn(text="any colour is fine"))
    data = json.loads(json.dumps(s.to_dict()))
    restored = DialogueState.from_dict(data["state"])
    assert restored == s.state
    assert restored.settled == ["colour"] and restored.beliefs["pattern"].negatives == ["striped"]


def test_sessions_are_independent(hash_assistant):
    a, b = hash_assistant.new_session(), hash_assistant.new_session()
    a.step(Turn(text="a red dress"))
    b.step(Turn(text="a green hat"))
    assert a.state.known()["colour"] == "red" and b.state.known()["colour"] == "green"
    assert "red" not in b.last_query.caption


def test_a_picked_result_is_named_by_where_it_was_shown(demo_assistant):
    s = demo_assistant.new_session()
    shown = s.step(Turn(text="a dress")).results
    r = s.step(Turn(text="the fourth one but in red"))
    # named "result #<gallery id>" before, which is no number the user saw
    assert "starting from result 4: " in next(e for e in r.explanation if e.startswith("starting from"))
    assert s.state.references[-1].item_id == shown[3].id
