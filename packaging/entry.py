"""The frozen app's entry script: the same ``main`` as the ``motif-studio`` console script."""

import sys

from studio.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
