"""Content: the scenario model, YAML loading and validation, and scoring of choices.

Everything a case *is*, independent of who plays it. May import only `wijzer_tui.domain.errors`
(and PyYAML); nothing here knows about learners, files of progress, teams or reports.
"""
