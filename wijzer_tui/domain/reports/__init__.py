"""Reports for coordinators: the grid, learner details, agreements, exports (CSV, JSON, Markdown,
xAPI), the transfer of records between machines, and demo data.

May import `errors`, `content`, `progress` and `team`; only `sync` imports `reports`.
"""
