import sys

from gdchecker.cli import main

sys.exit(main())
