"""The browser dashboard: everything that imports Dash or Flask lives here."""
