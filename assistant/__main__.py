"""`python -m assistant ...`: see assistant/shell.py."""
import sys

from assistant.shell import main

sys.exit(main())
