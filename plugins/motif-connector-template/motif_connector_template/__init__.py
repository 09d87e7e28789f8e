"""A template connector to copy.

A Motif Studio connector: the host reads motif-connector.json here and imports connector.py
only when an upload runs.
"""
