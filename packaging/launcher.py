"""Entry script for the frozen app: PyInstaller needs a file, not an entry point name."""

import sys

from stancecoder.cli import main

if __name__ == "__main__":
    sys.exit(main())
