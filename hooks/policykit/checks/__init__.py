"""The checks: each takes inputs and returns findings."""
