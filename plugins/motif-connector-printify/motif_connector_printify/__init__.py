"""Uploads a package's print image to Printify.

A Motif Studio connector: the host reads motif-connector.json here and imports connector.py
only when an upload runs.
"""
