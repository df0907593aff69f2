"""Retrieval benchmarks (not tests): a thin CLI over ``agents.bench.retrieval`` (see its docstring for the sections).

    python scripts/bench_retrieval.py                       # ingest + flat@5k + milvus@100k
    python scripts/bench_retrieval.py --sections big        # flat vs HNSW at 1M (minutes on 2 cores)
    python -m agents.bench.retrieval --sections ingest,flat # the same, from an installed package
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from agents.bench.retrieval import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
