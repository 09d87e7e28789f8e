"""Entry point of ``motif-studio`` and ``python -m studio``.

Each sub-command lives in its own module with ``register(subparsers)``; handlers import their
heavy dependencies themselves, so ``motif-studio --help`` and the app's start stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from studio import __version__
from studio.errors import InputError
from studio.i18n import _

# Each sub-command and the module that adds it, in the order ``--help`` lists them. The names
# are written here so that starting the app (no command) imports none of these modules: the
# connectors' and the outbox's alone took ~0.3 s (tests/cli checks the list against them).
COMMANDS = {
    "export": "studio.cli.export",
    "check": "studio.cli.check",
    "package": "studio.cli.package",
    "verify": "studio.cli.verify",
    "demo": "studio.cli.demo",
    "connectors": "studio.connectors.cli",
    "outbox": "studio.outbox.cli",
    "submit": "studio.outbox.cli",
    "brief": "studio.cli.brief",
    "keys": "studio.cli.keys",
    "verify-all": "studio.cli.bulk_verify",
}
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))


def build_parser(command: str | None = None) -> tuple[argparse.ArgumentParser, set[str]]:
    """The sub-command parser and the names of its commands: all of them, or only ``command``
    (running one command imports only its own module: the connectors' and the outbox's cost
    ~0.1 s, which ``motif-studio check`` on a brand's server has no use for)."""
    from studio.cli import argparse_i18n

    argparse_i18n.install()
    parser = argparse.ArgumentParser(
        prog="motif-studio",
        usage="motif-studio [--screenshot PNG] [--brief BRIEF] [DESIGN]\n"
        "       motif-studio COMMAND ...",
        description=_(
            "Design print-ready motifs and ad visuals against a brand's brief. "
            "With no command, opens the app (on DESIGN, or a new design from BRIEF; "
            "--screenshot PNG renders the window to PNG and exits)."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"motif-studio {__version__}",
        help=_("show program's version number and exit"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", prog="motif-studio")
    modules = COMMAND_MODULES if command is None else (COMMANDS[command],)
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser, set(sub.choices)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # argparse cannot mix an optional positional with sub-commands: route by the first word.
    first = next((a for a in args_list if not a.startswith("-")), None)
    if first not in COMMANDS and any(a in ("-h", "--help") for a in args_list):
        build_parser()[0].print_help()
        return 0
    if first in COMMANDS:
        args = build_parser(first)[0].parse_args(args_list)
        return run_command(args)
    gui_parser = build_gui_parser()
    return run_app(gui_parser.parse_args(args_list))


def build_gui_parser() -> argparse.ArgumentParser:
    from studio.cli import argparse_i18n

    argparse_i18n.install()
    parser = argparse.ArgumentParser(prog="motif-studio", parents=[], add_help=True)
    parser.add_argument(
        "--version",
        action="version",
        version=f"motif-studio {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--screenshot",
        metavar="PNG",
        help=_("render the main window to PNG (with DESIGN open) and exit"),
    )
    parser.add_argument(
        "--brief",
        dest="open_brief",
        metavar="BRIEF",
        help=_("open the app on a new design from BRIEF"),
    )
    parser.add_argument("design", nargs="?", metavar="DESIGN", help=_("a design or brief to open"))
    return parser


def run_command(args: argparse.Namespace) -> int:
    try:
        result: int = args.func(args)
        return result
    except InputError as exc:
        print(f"motif-studio: {exc.one_line()}", file=sys.stderr)
        return 2
    except OSError as exc:
        # A file we were told to read or write is not there, not allowed, or the disk is full.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"motif-studio: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("motif-studio: " + _("interrupted"), file=sys.stderr)
        return 130
    except (MemoryError, RecursionError) as exc:
        problem = _("the input is too large or too deeply nested ({error})")
        print("motif-studio: " + problem.format(error=type(exc).__name__), file=sys.stderr)
        return 2


def has_display() -> bool:
    """Whether a window can be shown: a display server, or a Qt platform chosen explicitly."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_app(args: argparse.Namespace) -> int:
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    elif not has_display():
        problem = _(
            "no display found (no DISPLAY or WAYLAND_DISPLAY); running the headless demo instead."
        )
        print("motif-studio: " + problem, file=sys.stderr)
        from studio.cli.demo import run_demo

        return run_demo("out")
    from studio.gui.app import run

    code: int = run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
