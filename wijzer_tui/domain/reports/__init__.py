"""Reports for coordinators: the grid, learner details, agreements, exports (CSV, JSON, Markdown,
xAPI), the transfer of records between machines, and demo data.

May import every other part of the domain; nothing in the domain imports `reports`.
"""
