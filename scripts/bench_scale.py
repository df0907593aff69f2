"""Scale benchmark (not a test): a thin CLI over ``agents.bench.scale`` (see its docstring).

    python scripts/bench_scale.py --n 10000 100000 --data-dir /tmp/scale --sessions 3
    python -m agents.bench.scale --n 1000000 --backends faiss:hnsw --data-dir /tmp/chatlens-scale
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from agents.bench.scale import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
