"""`python -m stancecoder` is the `stancecoder` command, for when the script is not on PATH."""

import sys

from stancecoder.cli import main

sys.exit(main())
