"""Entry point of the frozen desktop program (gdchecker / gdchecker.exe)."""

import sys

from gdchecker.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
