"""Plotly figures: the map shared by the dashboard and the exports, and the trend chart.

Plotly only, never Dash. The modules follow the drawing: `geometry` (shapes prepared once),
`base_layers`, `markers`, `labels`, `frames` (what a date changes), `layout`, `map`, `trend`,
and `wording` (every word a map prints).
"""
