"""The app's own errors (``app.errors``): what each boundary raises, and that the caller above handles it."""

from __future__ import annotations

import pytest

from agents.errors import LLMError, LLMTimeout
from app import api, cli
from app.errors import AppError, BadValue, ChatLensError, SettingsError, UserFacingError
from app.settings import parse_run_args


def test_a_bad_setting_is_a_settings_error_naming_the_valid_choices(capsys, monkeypatch):
    with pytest.raises(SettingsError, match="valid: demo, hub") as e:  # argparse checks the flag; the env var is ours
        parse_run_args([], env={"CHATLENS_PROFILE": "cloud"})
    assert isinstance(e.value, AppError) and isinstance(e.value, ValueError)
    assert not isinstance(e.value, UserFacingError)  # a start-up problem for the operator, not a chat message
    with pytest.raises(SettingsError, match="--gallery"):
        parse_run_args(["--profile", "hub"], env={})
    monkeypatch.setenv("CHATLENS_PROFILE", "cloud")
    assert cli.main(["run"]) == 2
    err = capsys.readouterr().err
    assert "unknown profile 'cloud'" in err and "Traceback" not in err


@pytest.mark.parametrize("call", [
    lambda: api.act_args("like", float("nan"), None),
    lambda: api.act_args("like", True, None),
    lambda: api.send_args("hi", "", "not-a-token"),
    lambda: api.send_args("not this one", "", None, "3"),
    lambda: api.image_bytes(["https://example.com/x.png"]),
])
def test_a_bad_request_value_is_a_user_facing_app_error(call):
    with pytest.raises(BadValue) as e:
        call()
    assert isinstance(e.value, UserFacingError) and isinstance(e.value, AppError)
    assert str(e.value).startswith("Invalid ") and str(e.value).endswith("Nothing was changed.")


def test_one_hierarchy_across_the_three_packages():
    import retrieval.errors

    assert ChatLensError is retrieval.errors.ChatLensError and UserFacingError is retrieval.errors.UserFacingError
    assert issubclass(LLMTimeout, LLMError) and issubclass(LLMError, ChatLensError)
    assert not issubclass(AppError, UserFacingError) and issubclass(BadValue, ChatLensError)
