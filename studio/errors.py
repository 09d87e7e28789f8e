"""The one error type for input we cannot use.

Every reader of outside data (briefs, SVG, images, packages, server replies) raises
:class:`InputError` with the file it was reading and the problem in plain words. The command
line turns it into exit status 2 and a single line on stderr; the app shows it in a dialog.
Nothing else is allowed to escape to the user as a traceback.
"""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A file from outside cannot be used: unreadable, malformed, too large or hostile."""

    def __init__(self, source: str | Path | None, problem: str) -> None:
        self.source = str(source) if source is not None else None
        self.problem = problem
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The message as one line: ``FILE: problem``."""
        text = f"{self.source}: {self.problem}" if self.source else self.problem
        return " ".join(text.split())


class BriefError(InputError):
    """A brief breaks the brief format; ``field`` is the JSON path of the first bad field."""

    def __init__(self, source: str | Path | None, problem: str, field: str = "") -> None:
        self.field = field
        super().__init__(source, f"{field}: {problem}" if field else problem)
