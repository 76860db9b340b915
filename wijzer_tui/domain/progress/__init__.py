"""Progress: a learner's records, the crash-safe TinyDB store, the progress folder, and one pass.

May import `wijzer_tui.domain.errors` and `content`; never `team` or `reports`.
"""
