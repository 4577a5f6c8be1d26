"""The demo generators' shared command line: ``--write [--seed N] [--path FILE]``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from clusterlib import paths


def regenerate(
    argv: list[str] | None,
    description: str,
    write: Callable[[Path, int], Path],
    default: Path,
) -> None:
    """Parse ``argv``; with ``--write`` call ``write(path, seed)`` and say so, else print help."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--write", action="store_true", help=f"write {default.relative_to(paths.ROOT)}"
    )
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--path", type=Path, default=default)
    args = parser.parse_args(argv)
    if args.write:
        print(f"wrote {write(args.path, args.seed)}")
    else:
        parser.print_help()
