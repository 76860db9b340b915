"""wijzer: a terminal training module for the Frustratiewijzer (CCV, Movisie, NJi, 2023)."""

from __future__ import annotations

__version__ = "0.1.0"
