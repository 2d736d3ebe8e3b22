"""The web dashboard at `/`: a sign-in page and one page per report, drawn in the browser from
the API's own routes, with plotly.js served from the installed `plotly` package."""
