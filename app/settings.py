"""Everything the app and the CLI need to know, in one place.

``Settings`` composes the retrieval and agent configurations with the serving
options. It is built from environment variables (what a Hugging Face Space or
a container sets) and then CLI flags (which win), so ``chatlens run``,
``space.py`` and the tests all read configuration the same way.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from agents.config import AgentConfig
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


def _env_bool(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


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
    parser.add_argument("--lazy", action="store_true", help="report ready without waiting for the gallery build")
    parser.add_argument("--max-message-chars", type=int, help="longest message accepted (default 2000)")
    parser.add_argument("--max-images-per-turn", type=int, help="photos accepted in one turn (default 4)")
    parser.add_argument("--max-upload-mb", type=float, help="largest upload per file, in MB (default 20)")
    parser.add_argument("--max-image-pixels", type=int, help="largest decoded image, in pixels (default 40000000)")


def settings_from(args: argparse.Namespace | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then environment variables, then parsed CLI flags."""
    env = os.environ if env is None else env
    ns = vars(args) if args is not None else {}

    def pick(flag: str, *env_names: str) -> str | None:
        if ns.get(flag) is not None:
            return ns[flag]
        for name in env_names:
            if env.get(name):
                return env[name]
        return None

    data_dir = pick("data_dir", "CHATLENS_HOME")
    retrieval = RetrievalConfig(data_dir=Path(data_dir).expanduser()) if data_dir else RetrievalConfig()
    agents = AgentConfig()
    s = Settings(retrieval=retrieval, agents=agents)

    gallery = pick("gallery", "CHATLENS_GALLERY")
    if gallery:
        retrieval.gallery = Path(gallery).expanduser().resolve()
    profile = pick("profile", "CHATLENS_PROFILE") or ("hub" if gallery else "demo")
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; valid: {', '.join(PROFILES)}")
    if profile == "hub" and not gallery:
        raise ValueError("the hub profile needs a photo folder: --gallery PATH (or CHATLENS_GALLERY)")
    s.profile = profile
    retrieval.encoder = pick("encoder", "CHATLENS_ENCODER") or (HUB_DEFAULT_ENCODER if profile == "hub" else "demo")
    retrieval.index = pick("index", "CHATLENS_INDEX") or retrieval.index
    serve_only = ns.get("serve_only")
    retrieval.serve_only = bool(serve_only) if serve_only is not None else _env_bool(env.get("CHATLENS_SERVE_ONLY"))
    if (size := pick("demo_size", "CHATLENS_DEMO_SIZE")) is not None:
        retrieval.demo_size = int(size)
    agents.llm = pick("llm", "CHATLENS_LLM") or None
    if (results := pick("results", "CHATLENS_RESULTS")) is not None:
        agents.results = max(1, min(int(results), 48))
    if (v := pick("max_message_chars", "CHATLENS_MAX_MESSAGE_CHARS")) is not None:
        agents.max_message_chars = max(1, int(v))
    if (v := pick("max_images_per_turn", "CHATLENS_MAX_IMAGES_PER_TURN")) is not None:
        agents.max_images_per_turn = max(1, int(v))
    if (v := pick("max_upload_mb", "CHATLENS_MAX_UPLOAD_MB")) is not None:
        agents.max_upload_bytes = max(1, int(float(v) * 2**20))  # MB as Gradio shows them (MiB)
    if (v := pick("max_image_pixels", "CHATLENS_MAX_IMAGE_PIXELS")) is not None:
        agents.max_image_pixels = retrieval.max_image_pixels = max(1, int(v))

    s.host = pick("host", "CHATLENS_HOST", "GRADIO_SERVER_NAME") or s.host
    if (port := pick("port", "CHATLENS_PORT", "GRADIO_SERVER_PORT")) is not None:
        s.port = int(port)
    share = ns.get("share")
    s.share = bool(share) if share is not None else _env_bool(env.get("CHATLENS_SHARE"))
    if (conc := pick("concurrency", "CHATLENS_CONCURRENCY")) is not None:
        s.concurrency = max(1, int(conc))
    s.mcp = bool(ns.get("mcp")) or _env_bool(env.get("CHATLENS_MCP"))
    s.prebuild = not (ns.get("lazy") or _env_bool(env.get("CHATLENS_LAZY")))
    return s


def parse_run_args(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> Settings:
    parser = argparse.ArgumentParser(prog="chatlens run", description="Serve the ChatLens chat UI and API.")
    add_run_arguments(parser)
    return settings_from(parser.parse_args(argv), env)
