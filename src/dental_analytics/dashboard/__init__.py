"""The web dashboard at `/` (its pages arrive with the dashboard work; today a placeholder that
points to the API and the documentation)."""

from __future__ import annotations

from importlib.resources import files


def placeholder_page() -> str:
    return files(__package__).joinpath("placeholder.html").read_text(encoding="utf-8")
