"""Settings precedence (defaults < env < flags) and the ``chatlens`` command dispatch."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from app import cli
from app.settings import HUB_DEFAULT_ENCODER, parse_run_args


def test_defaults_are_the_offline_demo_profile():
    s = parse_run_args([], env={})
    assert (s.profile, s.retrieval.encoder, s.retrieval.gallery, s.agents.llm) == ("demo", "demo", None, None)
    assert (s.host, s.port, s.share, s.prebuild) == ("127.0.0.1", 7860, False, True)


def test_env_then_flags(tmp_path):
    env = {"CHATLENS_PORT": "9000", "CHATLENS_ENCODER": "hash:32", "GRADIO_SERVER_NAME": "0.0.0.0",
           "CHATLENS_HOME": str(tmp_path), "CHATLENS_RESULTS": "6"}
    s = parse_run_args([], env=env)
    assert (s.port, s.retrieval.encoder, s.host, s.results) == (9000, "hash:32", "0.0.0.0", 6)
    assert s.retrieval.data_dir == tmp_path
    s = parse_run_args(["--port", "9100", "--encoder", "demo", "--results", "500", "--llm", "openai:m@http://x",
                        "--demo-size", "300", "--share", "--lazy"], env=env)
    assert (s.port, s.retrieval.encoder, s.results, s.retrieval.demo_size) == (9100, "demo", 48, 300)
    assert s.agents.llm == "openai:m@http://x" and s.share and not s.prebuild


def test_env_names_in_order_switch_words_and_which_environment(monkeypatch):
    monkeypatch.setenv("CHATLENS_PORT", "9999")  # a given mapping replaces the process environment
    s = parse_run_args([], env={"CHATLENS_HOST": "", "GRADIO_SERVER_NAME": "0.0.0.0", "CHATLENS_LAZY": "yes",
                                "CHATLENS_MCP": "maybe", "CHATLENS_SHARE": "ON"})
    assert (s.host, s.port, s.prebuild, s.mcp, s.share) == ("0.0.0.0", 7860, False, False, True)
    monkeypatch.setenv("CHATLENS_RESULTS", "5")
    assert parse_run_args([]).results == 5 and parse_run_args(["--results", "7"]).results == 7
    assert parse_run_args([]).port == 9999
    with pytest.raises(ValueError):
        parse_run_args([], env={"CHATLENS_PORT": "eighty"})


def test_gallery_selects_the_hub_profile(tmp_path):
    s = parse_run_args(["--gallery", str(tmp_path)], env={})
    assert s.profile == "hub" and s.retrieval.gallery == tmp_path.resolve()
    assert s.retrieval.encoder == HUB_DEFAULT_ENCODER
    with pytest.raises(ValueError, match="--gallery"):
        parse_run_args(["--profile", "hub"], env={})


def test_describe_has_no_secrets(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-123")
    s = parse_run_args(["--llm", "openai:gpt-4o-mini@https://api.openai.com/v1"], env={})
    assert "sk-secret" not in str(s.describe()) and "gpt-4o-mini" in s.describe()["LLM"]


def test_cli_dispatches_index_and_bench_lazily(monkeypatch):
    calls = {}
    for mod, key in (("retrieval.library", "index"), ("agents.bench", "bench")):
        fake = types.ModuleType(mod)
        fake.main = lambda argv, key=key: calls.setdefault(key, list(argv)) and 0
        monkeypatch.setitem(sys.modules, mod, fake)
    assert cli.main(["index", "photos/", "--encoder", "demo"]) == 0
    assert cli.main(["bench", "--rounds", "3"]) == 0
    assert calls == {"index": ["photos/", "--encoder", "demo"], "bench": ["--rounds", "3"]}


@pytest.fixture
def no_build(monkeypatch, tmp_path):
    """The CLI starts building the assistant before serving: give it the fake one."""
    import app.provider
    from tests.app.fakes import fake_factory

    monkeypatch.setattr(app.provider, "assistant_factory", lambda retrieval, agents: fake_factory(tmp_path))


def test_cli_run_is_the_default_and_passes_settings(monkeypatch, no_build):
    seen = []
    import app.server

    monkeypatch.setattr(app.server, "serve", lambda settings, **kw: seen.append(settings))
    assert cli.main(["--port", "7999"]) == 0 and seen[-1].port == 7999
    assert cli.main(["run", "--encoder", "hash:16"]) == 0 and seen[-1].retrieval.encoder == "hash:16"
    assert cli.main(["frobnicate"]) == 2


def test_cli_reports_startup_problems_without_a_traceback(monkeypatch, capsys, no_build):
    import app.server
    from retrieval.errors import ModelUnavailableError

    def fail(settings, **kw):
        raise ModelUnavailableError("weights for X are not cached; run `huggingface-cli download X`")

    monkeypatch.setattr(app.server, "serve", fail)
    assert cli.main(["run"]) == 1
    err = capsys.readouterr().err
    assert "huggingface-cli download X" in err and "Traceback" not in err
    assert cli.main(["run", "--profile", "hub"]) == 2


def test_console_script_is_declared():
    text = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert 'chatlens = "app.cli:main"' in text


def test_mcp_flag_turns_on_gradios_mcp_server():
    from app.server import launch_kwargs
    from app.settings import parse_run_args

    assert launch_kwargs(parse_run_args([], env={}))["mcp_server"] is False
    assert launch_kwargs(parse_run_args(["--mcp"], env={}))["mcp_server"] is True
    assert parse_run_args([], env={"CHATLENS_MCP": "1"}).mcp is True
