"""Motif Studio: design print-ready motifs and ad visuals against a brand's brief.

Everything under ``studio`` except ``studio.gui`` is the headless core: it imports no Qt
widgets, so the same engine runs in the app, the command line, the tests and on a brand's
server.
"""

__version__ = "0.1.0"
