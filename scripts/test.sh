#!/usr/bin/env bash
# Runs the whole test suite offline. Called by `make test` (and so by CI).
# Installs Debian's Chromium for the real-browser test when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 GRADIO_ANALYTICS_ENABLED=False
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "warning: could not install chromium; browser tests will be skipped" >&2
fi
.venv/bin/ruff check app retrieval agents training assets tests
# Two workers (this machine has 2 cores; much of the suite waits on servers and subprocesses). Tests sharing a
# session-wide server or gallery run on one worker (tests/xdist_groups.py). PYTEST_WORKERS=0: one process.
exec .venv/bin/python -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
