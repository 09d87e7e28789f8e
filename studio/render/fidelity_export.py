"""``python -m studio.render.fidelity_export SVG --dpi D -o PNG``: what
``motif-studio export FILE.svg --format png --dpi D -o PNG`` does for a plain SVG, so the
fidelity benchmark can measure the real path before the main CLI exists.

The file was named on the command line by the user, so images beside it are inlined (from under
``--base-dir``, default the file's folder). Exit 2 with one line on stderr for input we refuse.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studio.errors import InputError
from studio.render.export import export_png
from studio.render.watchdog import quiet_stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studio.render.fidelity_export")
    parser.add_argument("svg", type=Path)
    parser.add_argument("--dpi", type=float, default=300.0)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--base-dir", type=Path, help="folder local images may come from")
    args = parser.parse_args(argv)
    try:
        try:
            data = args.svg.read_bytes()
        except OSError as exc:
            raise InputError(args.svg, f"cannot read ({exc.strerror})") from None
        with quiet_stderr():  # a Rust panic would print its own lines before our one
            result = export_png(data, args.svg, args.dpi,
                                base_dir=args.base_dir or args.svg.parent,
                                allow_local_images=True)
    except InputError as exc:
        print(f"error: {exc.one_line()}", file=sys.stderr)
        return 2
    args.output.write_bytes(result.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
