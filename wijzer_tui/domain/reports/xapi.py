"""`report --format xapi`: the statements of the shown learners as one JSON file for an LRS.

The statements are exactly those `wijzer sync` sends (see xapi_statements).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from wijzer_tui.domain.reports.grid import Report
from wijzer_tui.domain.reports.xapi_config import XapiConfig
from wijzer_tui.domain.reports.xapi_statements import StatementBuilder


def report_statements(report: Report, config: XapiConfig | None = None) -> Iterator[dict[str, Any]]:
    """Every statement of every attempt of the learners in the report."""
    builder = StatementBuilder(report.scenarios, config or XapiConfig())
    return builder.for_records((row.profile, row.attempts) for row in report.rows)


def to_xapi(report: Report, config: XapiConfig | None = None) -> str:
    """The report's statements as a JSON array (UTF-8 text)."""
    statements = list(report_statements(report, config))
    text = json.dumps(
        statements,
        ensure_ascii=False,  # pragma: no mutate (ensure_ascii=None is as false as False)
        indent=2,
    )
    return text + "\n"
