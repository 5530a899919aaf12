"""`python -m dashboard` runs the same CLI as `syria-map`."""

from dashboard.cli import main

if __name__ == "__main__":
    main()
