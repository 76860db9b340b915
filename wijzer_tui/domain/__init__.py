"""Pure-Python domain layer: never imports textual."""
