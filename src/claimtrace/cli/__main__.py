"""``python -m claimtrace.cli``: the command line, as the ``claimtrace`` script."""

from claimtrace.cli import main

main()
