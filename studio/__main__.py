"""``python -m studio`` is the same as the ``motif-studio`` command."""

import sys

from studio.cli.main import main

sys.exit(main())
