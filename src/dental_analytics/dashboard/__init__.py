"""The web dashboard at `/`: a sign-in page and one page per report, drawn in the browser from
the API's own routes, with plotly.js's basic bundle vendored in
`static/vendor/` (scripts/vendor_plotly.py)."""
