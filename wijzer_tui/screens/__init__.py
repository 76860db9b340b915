"""Textual screens: thin, they hand work to the domain layer."""
