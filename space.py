"""Hugging Face Space entry point (README front-matter: ``app_file: space.py``).

Module-level ``demo`` is the app on the demo profile, configured only from
environment variables (no secrets needed). The gallery is built in the
background at start-up; visitors arriving earlier see its progress.
"""

from app.provider import AssistantProvider, assistant_factory
from app.server import make_demo, serve
from app.settings import settings_from

settings = settings_from(None)
settings.prebuild = False
if settings.host == "127.0.0.1":  # a Space (or container) must listen on all interfaces
    settings.host = "0.0.0.0"
provider = AssistantProvider(assistant_factory(settings.retrieval, settings.agents), settings.agents)
demo = make_demo(settings, provider=provider)

if __name__ == "__main__":
    serve(settings, demo, provider=provider)
