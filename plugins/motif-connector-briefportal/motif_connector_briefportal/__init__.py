"""Uploads submission packages to a brief portal over tus 1.0.

A Motif Studio connector: the host reads motif-connector.json here and imports connector.py
only when an upload runs.
"""
