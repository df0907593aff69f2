"""Prompt templates are package data (``agents/prompts/*.yaml``), loaded as langchain-core prompts."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from langchain_core.prompts import ChatPromptTemplate


def prompt_names() -> list[str]:
    folder = resources.files("agents").joinpath("prompts")
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


@cache
def load_prompt(name: str) -> ChatPromptTemplate:
    text = resources.files("agents").joinpath("prompts", f"{name}.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)
    return ChatPromptTemplate.from_messages([("system", spec["system"]), ("human", spec["human"])])
