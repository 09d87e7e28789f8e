"""The desktop app: a thin Qt layer over the headless core."""
