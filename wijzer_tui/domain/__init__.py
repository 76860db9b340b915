"""Pure-Python domain layer: never imports textual.

Grouped by concern, in layers that import only downwards:
`errors` <- `content` <- `progress` <- `team` <- `reports` <- `sync`.
"""
