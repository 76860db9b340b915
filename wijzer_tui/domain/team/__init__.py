"""Team training: sessions on a shared screen, the group's choices, prompts, their store and summary.

May import `wijzer_tui.domain.errors`, `content` and `progress`; never `reports`.
"""
