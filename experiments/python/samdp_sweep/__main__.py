"""`python -m samdp_sweep SWEEPDIR [--address HOST:PORT]`: what `samdp sweep` starts."""

import sys

from samdp_sweep.driver import main

sys.exit(main())
