"""One router per report group, plus health, the catalog, pickers and sessions."""
