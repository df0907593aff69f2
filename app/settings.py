"""Everything the app and the CLI need to know, in one place.

``Settings`` composes the retrieval and agent configurations with the serving
options. It is built from environment variables (what a Hugging Face Space or
a container sets) and then CLI flags (which win), merged by pydantic-settings
(``RunOptions``), so ``chatlens run``, ``space.py`` and the tests all read
configuration the same way.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import AliasChoices, BeforeValidator, Field
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict

from agents.config import AgentConfig
from app.errors import SettingsError
from retrieval.config import HUB_ENCODER, RetrievalConfig

PROFILES = ("demo", "hub")
HUB_DEFAULT_ENCODER = HUB_ENCODER  # used when a photo folder is given without --encoder (as `chatlens index`)


@dataclass
class Settings:
    retrieval: RetrievalConfig = field(default_factory=RetrievalConfig)
    agents: AgentConfig = field(default_factory=AgentConfig)
    profile: str = "demo"  # "demo": bundled catalog + encoder, offline; "hub": a photo folder + hub models
    host: str = "127.0.0.1"  # interface to bind; a Space or container sets 0.0.0.0
    port: int = 7860  # TCP port; 0 picks a free one
    share: bool = False  # ask Gradio for a public *.gradio.live link (needs the network)
    concurrency: int = 2  # events processed at once across all sessions (2 CPU cores is the target machine)
    queue_size: int = 64  # waiting events beyond this are refused with "too busy"
    session_ttl_s: float = 3 * 3600  # idle browser sessions are dropped after this long
    mcp: bool = False  # also serve the send/act/reset endpoints as MCP tools (Gradio's MCP server, needs `mcp`)
    prebuild: bool = True  # wait for the build before reporting ready (CLI); the page is served first either way
    title: str = "ChatLens"  # page title

    @property
    def sessions_path(self) -> Path:
        """SQLite file of the saved chat sessions (agents.session_store), beside the gallery cache."""
        return Path(self.retrieval.data_dir) / "sessions.sqlite3"

    @property
    def results(self) -> int:
        return self.agents.results

    def describe(self) -> dict[str, str]:
        """What the settings area shows: human-readable, without secrets (API keys live in env vars)."""
        return {
            "profile": self.profile,
            "gallery": str(self.retrieval.gallery) if self.retrieval.gallery else f"demo catalog ({self.retrieval.demo_size} items)",
            "encoder": self.retrieval.encoder,
            "index": self.retrieval.index,
            "LLM": self.agents.llm or "none (offline dialogue engine)",
            "results per turn": str(self.agents.results),
        }


def _env_bool(value: object) -> bool:
    """Environment switches: 1/true/yes/on (any case) are on, anything else off; flags arrive as bools."""
    return value if isinstance(value, bool) else str(value or "").strip().lower() in {"1", "true", "yes", "on"}


Switch = Annotated[bool, BeforeValidator(_env_bool)]


def _env(*names: str) -> Any:
    """A run option read from the first of these environment variables that is set and not empty."""
    return Field(default=None, validation_alias=AliasChoices(*names))


class _Environ(EnvSettingsSource):
    """The environment from a given mapping (tests, embedding apps) instead of ``os.environ``.

    Overrides the same hook pydantic-settings' own ``DotEnvSettingsSource`` does."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]):
        self._environ = environ
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return {k: v for k, v in self._environ.items() if v or not self.env_ignore_empty}


_ENVIRON: ContextVar[Mapping[str, str] | None] = ContextVar("chatlens_environ", default=None)


class RunOptions(BaseSettings):
    """The raw options of ``chatlens run`` (None: not set): CLI flags (init values) win over environment
    variables, which win over the defaults ``settings_from`` applies. Names are case-sensitive; empty values
    count as unset."""

    model_config = SettingsConfigDict(case_sensitive=True, env_ignore_empty=True, populate_by_name=True,
                                      extra="ignore")

    host: str | None = _env("CHATLENS_HOST", "GRADIO_SERVER_NAME")
    port: int | None = _env("CHATLENS_PORT", "GRADIO_SERVER_PORT")
    profile: str | None = _env("CHATLENS_PROFILE")
    gallery: Path | None = _env("CHATLENS_GALLERY")
    encoder: str | None = _env("CHATLENS_ENCODER")
    index: str | None = _env("CHATLENS_INDEX")
    serve_only: Switch = Field(default=False, validation_alias="CHATLENS_SERVE_ONLY")
    llm: str | None = _env("CHATLENS_LLM")
    results: int | None = _env("CHATLENS_RESULTS")
    demo_size: int | None = _env("CHATLENS_DEMO_SIZE")
    data_dir: Path | None = _env("CHATLENS_HOME")
    concurrency: int | None = _env("CHATLENS_CONCURRENCY")
    share: Switch = Field(default=False, validation_alias="CHATLENS_SHARE")
    mcp: Switch = Field(default=False, validation_alias="CHATLENS_MCP")
    lazy: Switch = Field(default=False, validation_alias="CHATLENS_LAZY")
    max_message_chars: int | None = _env("CHATLENS_MAX_MESSAGE_CHARS")
    max_images_per_turn: int | None = _env("CHATLENS_MAX_IMAGES_PER_TURN")
    max_upload_mb: float | None = _env("CHATLENS_MAX_UPLOAD_MB")
    max_image_pixels: int | None = _env("CHATLENS_MAX_IMAGE_PIXELS")

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
                                   env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
                                   file_secret_settings: PydanticBaseSettingsSource,
                                   ) -> tuple[PydanticBaseSettingsSource, ...]:
        environ = _ENVIRON.get()
        return init_settings, (env_settings if environ is None else _Environ(settings_cls, environ))

    @classmethod
    def read(cls, flags: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> RunOptions:
        """Flags given (not None) over ``env`` (default ``os.environ``) over defaults."""
        token = _ENVIRON.set(env)
        try:
            return cls(**{k: v for k, v in (flags or {}).items() if v is not None})
        finally:
            _ENVIRON.reset(token)


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """Flags of ``chatlens run``; every default is None so unset flags leave env/defaults alone."""
    parser.add_argument("--host", help="interface to bind (default 127.0.0.1; env CHATLENS_HOST)")
    parser.add_argument("--port", type=int, help="port (default 7860; 0 = any free port; env CHATLENS_PORT)")
    parser.add_argument("--profile", choices=PROFILES, help="demo (offline, default) or hub (photos + hub models)")
    parser.add_argument("--gallery", type=Path, help="folder of photos to search (implies --profile hub)")
    parser.add_argument("--encoder", help="encoder name, e.g. demo or openclip:ViT-B-32/laion2b_s34b_b79k")
    parser.add_argument("--index", help="index spec: faiss, faiss:hnsw, faiss:ivf, milvus:///path.db, http://host:19530")
    parser.add_argument("--serve-only", action="store_true", default=None,
                        help="an app replica: serve the Milvus collection named in --index (...?collection=NAME) "
                             "that `chatlens index` fills; no local gallery or indexing (env CHATLENS_SERVE_ONLY)")
    parser.add_argument("--llm", help="chat model: hf:<model id> or openai:<model>@<base url> (key from OPENAI_API_KEY)")
    parser.add_argument("--results", type=int, help="results shown per turn (default 12)")
    parser.add_argument("--demo-size", type=int, help="items in the demo catalog (default 5000)")
    parser.add_argument("--data-dir", type=Path, help="cache folder (default $CHATLENS_HOME or ~/.cache/chatlens)")
    parser.add_argument("--concurrency", type=int, help="events processed at once (default 2)")
    parser.add_argument("--share", action="store_true", default=None, help="create a public Gradio link")
    parser.add_argument("--mcp", action="store_true", default=None,
                        help="also serve send/act/reset as MCP tools at /gradio_api/mcp/ (env CHATLENS_MCP)")
    parser.add_argument("--lazy", action="store_true", default=None, help="report ready without waiting for the gallery build")
    parser.add_argument("--max-message-chars", type=int, help="longest message accepted (default 2000)")
    parser.add_argument("--max-images-per-turn", type=int, help="photos accepted in one turn (default 4)")
    parser.add_argument("--max-upload-mb", type=float, help="largest upload per file, in MB (default 20)")
    parser.add_argument("--max-image-pixels", type=int, help="largest decoded image, in pixels (default 40000000)")


def settings_from(args: argparse.Namespace | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then environment variables, then parsed CLI flags."""
    o = RunOptions.read(vars(args) if args is not None else None, env)
    retrieval = RetrievalConfig(data_dir=o.data_dir.expanduser()) if o.data_dir else RetrievalConfig()
    agents = AgentConfig()
    s = Settings(retrieval=retrieval, agents=agents)

    if o.gallery:
        retrieval.gallery = o.gallery.expanduser().resolve()
    profile = o.profile or ("hub" if o.gallery else "demo")
    if profile not in PROFILES:
        raise SettingsError(f"unknown profile {profile!r}; valid: {', '.join(PROFILES)}")
    if profile == "hub" and not o.gallery:
        raise SettingsError("the hub profile needs a photo folder: --gallery PATH (or CHATLENS_GALLERY)")
    s.profile = profile
    retrieval.encoder = o.encoder or (HUB_DEFAULT_ENCODER if profile == "hub" else "demo")
    retrieval.index = o.index or retrieval.index
    retrieval.serve_only = o.serve_only
    if o.demo_size is not None:
        retrieval.demo_size = o.demo_size
    agents.llm = o.llm or None
    if o.results is not None:
        agents.results = max(1, min(o.results, 48))
    if o.max_message_chars is not None:
        agents.max_message_chars = max(1, o.max_message_chars)
    if o.max_images_per_turn is not None:
        agents.max_images_per_turn = max(1, o.max_images_per_turn)
    if o.max_upload_mb is not None:
        agents.max_upload_bytes = max(1, int(o.max_upload_mb * 2**20))  # MB as Gradio shows them (MiB)
    if o.max_image_pixels is not None:
        agents.max_image_pixels = retrieval.max_image_pixels = max(1, o.max_image_pixels)

    s.host = o.host or s.host
    if o.port is not None:
        s.port = o.port
    s.share = o.share
    if o.concurrency is not None:
        s.concurrency = max(1, o.concurrency)
    s.mcp = o.mcp
    s.prebuild = not o.lazy
    return s


def parse_run_args(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> Settings:
    parser = argparse.ArgumentParser(prog="chatlens run", description="Serve the ChatLens chat UI and API.")
    add_run_arguments(parser)
    return settings_from(parser.parse_args(argv), env)
