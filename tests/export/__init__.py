"""Tests of the static map export (issue 5)."""
