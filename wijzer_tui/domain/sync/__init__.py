"""Sync: sending the xAPI statements of `reports` to a learning record store, exactly once.

The HTTP client, the ledger of acknowledged statements and the batching. May import every other
part of the domain; nothing in the domain imports `sync`.
"""
