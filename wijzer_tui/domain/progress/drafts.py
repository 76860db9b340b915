"""Drafts of a learner's attempt: typed but unconfirmed input, kept per step until confirmed.

They live in the attempt's document under DRAFTS, a key `Attempt` does not know: so they never
reach reports or exports, and they are personal like reflections.
"""

from __future__ import annotations

from typing import Any

DRAFTS = "drafts"
REMOVE = object()  # a change value that removes the key from the attempt's document


def clean_draft(draft: Any) -> dict[str, Any]:
    """A step's draft (typed but unconfirmed input) as it is stored: `option_ids` and
    `ticked_tips` (lists of ids) and `reflection` (text). Other keys and values are left out;
    an empty dict means no draft."""
    if not isinstance(draft, dict):
        return {}
    kept: dict[str, Any] = {}
    for key in ("option_ids", "ticked_tips"):
        value = draft.get(key)
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            kept[key] = list(value)
    reflection = draft.get("reflection")
    if isinstance(reflection, str) and reflection.strip():
        kept["reflection"] = reflection
    return kept


def drafts_of(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The well-formed drafts of an attempt document, by step id (anything else is dropped)."""
    stored = doc.get(DRAFTS)
    if not isinstance(stored, dict):
        return {}
    drafts = {str(k): clean_draft(v) for k, v in stored.items()}
    return {step_id: draft for step_id, draft in drafts.items() if draft}


def without_draft(doc: dict[str, Any], step_id: str) -> dict[str, Any]:
    """The change that removes one step's draft (and the key when no draft is left)."""
    drafts = drafts_of(doc)
    drafts.pop(step_id, None)
    return {DRAFTS: drafts or REMOVE}
