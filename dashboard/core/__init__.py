"""The pure core: events -> locality control at a date -> zones -> statistics.

Nothing here imports Dash or plotly, and nothing reads a path.
"""
