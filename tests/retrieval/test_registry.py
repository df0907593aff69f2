"""The one registry shape every pluggable part uses: register / get / list, lazy built-ins, honest errors."""

from __future__ import annotations

import sys

import pytest

from agents.questioner import create_questioner, register_questioner
from agents.reformulator import create_reformulator, list_reformulators
from retrieval.errors import UnknownNameError
from retrieval.registry import Registry


def test_unknown_name_lists_the_registered_names():
    reg: Registry = Registry("widget", {"b": len, "a": "json:dumps"}, usage={"b": "b:<n>"})
    assert reg.list() == ["a", "b:<n>"] and reg.names() == ["a", "b"]
    with pytest.raises(UnknownNameError) as info:
        reg.get("c", asked="c:3")
    assert str(info.value) == "unknown widget 'c:3'; valid: a, b:<n>"


def test_module_attr_entries_are_imported_on_first_use(monkeypatch):
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    reg: Registry = Registry("widget", {"hls": "colorsys:rgb_to_hls"})
    assert "colorsys" not in sys.modules  # naming a part imports nothing
    import colorsys

    assert reg.get("hls") is colorsys.rgb_to_hls


def test_a_key_error_inside_a_constructor_is_not_an_unknown_name(monkeypatch):
    import agents.questioner as questioner

    monkeypatch.setattr(questioner, "_QUESTIONERS", questioner._QUESTIONERS.copy())

    def broken(retriever, facets, **kwargs):
        return {}["missing setting"]

    register_questioner("broken", broken)
    with pytest.raises(KeyError) as info:
        create_questioner("broken", None, None)
    assert not isinstance(info.value, UnknownNameError) and info.value.args == ("missing setting",)
    with pytest.raises(UnknownNameError, match="valid: broken, entropy, none, random"):
        create_questioner("brokn", None, None)


def test_the_llm_reformulator_is_a_lazy_built_in():
    assert list_reformulators() == ["concat", "llm", "offline"]
    with pytest.raises(UnknownNameError, match="valid: concat, llm, offline"):
        create_reformulator("nope", None, None)
