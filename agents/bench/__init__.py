"""The benchmark: simulated users in the ChatIR protocol, PlugIR's BRI, composed retrieval, speed."""


def main(argv: list[str] | None = None) -> int:
    from .run import main as run_main

    return run_main(argv)
