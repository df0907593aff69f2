"""The end-to-end tests' server helper: ``agents.bench.server`` (shared with the benchmarks), re-exported here."""

from agents.bench.server import APP, READY_LINE, READY_TIMEOUT_S, ROOT, Server, free_port

__all__ = ["APP", "READY_LINE", "READY_TIMEOUT_S", "ROOT", "Server", "free_port"]
