"""Claim tracker: the same claim across speakers, outlets and time (docs/claims.md)."""
