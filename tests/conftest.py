"""Test-session defaults: tier 2 (background builds) stays off unless a test
turns it on, so the tier-1 suite spawns no builds; the ext conformance tier
and tests/test_tier2.py run with it on, in their own processes."""

import os

os.environ.setdefault("RUSTIFY_TIER2", "0")
