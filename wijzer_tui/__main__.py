"""Allow `python -m wijzer_tui`."""

from __future__ import annotations

from wijzer_tui.cli import main

raise SystemExit(main())
