"""The ``motif-studio`` command: the app with no arguments, headless work with a sub-command."""
