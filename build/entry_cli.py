"""Entry point of the frozen command-line program (gdchecker-cli / gdchecker-cli.exe)."""

import sys

from gdchecker.cli import main

if __name__ == "__main__":
    sys.exit(main())
