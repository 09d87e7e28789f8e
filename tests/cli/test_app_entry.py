"""With no display, the app says so and runs the headless demo instead."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_no_display_runs_the_demo(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "studio"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "no display" in result.stderr
    assert (tmp_path / "out" / "print.png").is_file()
    assert "wrote" in result.stdout


def test_help_lists_the_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "studio", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert "export" in result.stdout and "demo" in result.stdout


def test_the_command_names_are_those_the_modules_register() -> None:
    from studio.cli.main import COMMANDS, build_parser

    _, registered = build_parser()
    assert set(COMMANDS) == registered


def test_starting_the_app_imports_no_command_module(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from studio.cli import main as m\n"
        "m.run_app = lambda args: 0\n"  # stop where the window would be made
        "assert m.main(['some.motif.svg']) == 0\n"
        "print([n for n in m.COMMAND_MODULES if n in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_command_imports_only_its_own_module(tmp_path: Path) -> None:
    """``motif-studio check`` on a brand's server pays for the check, not for the connectors."""
    code = (
        "import sys\n"
        "from studio.cli import main as m\n"
        "m.run_command = lambda args: 0\n"  # stop where the command would run
        "assert m.main(['check', '--brief', 'b.json', 'd.svg']) == 0\n"
        "print([n for n in m.COMMAND_MODULES if n in sys.modules])\n"
        "print('studio.connectors.registry' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["['studio.cli.check']", "False"]
