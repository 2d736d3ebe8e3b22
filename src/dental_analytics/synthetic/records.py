"""Placeholder until the records domain lands."""
from __future__ import annotations


def build_records(*args: object) -> None:
    return None
