"""ChatLens web app: Gradio UI, HTTP API and the ``chatlens`` command line.

The only package that imports gradio. Analytics are turned off before gradio
is first imported (set GRADIO_ANALYTICS_ENABLED=True yourself to opt in).
"""

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
