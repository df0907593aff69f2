"""The input limits are configurable where a Space or container sets things (env vars, CLI) and documented."""

from __future__ import annotations

from pathlib import Path

from app.settings import parse_run_args, settings_from

ROOT = Path(__file__).resolve().parents[2]
LIMIT_ENV = {  # env var -> (AgentConfig field, value set, value expected)
    "CHATLENS_MAX_MESSAGE_CHARS": ("max_message_chars", "500", 500),
    "CHATLENS_MAX_IMAGES_PER_TURN": ("max_images_per_turn", "2", 2),
    "CHATLENS_MAX_UPLOAD_MB": ("max_upload_bytes", "5", 5 * 2**20),
    "CHATLENS_MAX_IMAGE_PIXELS": ("max_image_pixels", "1000000", 1_000_000),
}


def test_defaults_are_sensible():
    cfg = settings_from(env={}).agents
    assert 500 <= cfg.max_message_chars <= 20_000
    assert 1 <= cfg.max_images_per_turn <= 10
    assert 1_000_000 <= cfg.max_upload_bytes <= 50_000_000
    assert 4_000_000 <= cfg.max_image_pixels <= 100_000_000


def test_limits_come_from_environment_variables():
    cfg = settings_from(env={k: v for k, (_, v, _) in LIMIT_ENV.items()}).agents
    assert {f: getattr(cfg, f) for f, _, _ in LIMIT_ENV.values()} == {f: want for f, _, want in LIMIT_ENV.values()}


def test_limits_come_from_cli_flags():
    cfg = parse_run_args(["--max-message-chars", "300", "--max-images-per-turn", "3", "--max-upload-mb", "7",
                          "--max-image-pixels", "2000000"], env={}).agents
    assert (cfg.max_message_chars, cfg.max_images_per_turn, cfg.max_upload_bytes, cfg.max_image_pixels) == \
        (300, 3, 7 * 2**20, 2_000_000)


def test_limits_are_documented_in_readme():
    readme = (ROOT / "README.md").read_text()
    missing = [name for name in LIMIT_ENV if name not in readme]
    assert not missing, missing
