"""Command line entry point: ``python -m scoring <command> ...``.

Sub-commands are contributed by two modules so that the text side and the speech side
stay independent: ``scoring.cli_text`` (score, classify, evaluate, bench) and
``scoring.cli_speech`` (transcribe, transcribe-and-score, bench-asr). Each exposes
``register(subparsers)`` and sets ``func`` on its parsers; ``func(args)`` returns an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMAND_MODULES = ("scoring.cli_text", "scoring.cli_speech")


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser from every command module that is present."""
    parser = argparse.ArgumentParser(prog="python -m scoring", description="SalesDojo call scoring")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
