"""`python -m assistant ...`: see assistant/shell.py."""

import sys

try:
    from assistant.shell import main

    sys.exit(main())
except KeyboardInterrupt:  # Ctrl-C while the modules load: end quietly, as main() does later
    sys.exit(130)
