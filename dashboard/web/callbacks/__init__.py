"""The dashboard's callbacks: wiring only; the logic lives in `dashboard.web.steps` and panels."""
