"""Brand-side tools: authoring, validating, packing and signing briefs, trusting brands' keys,
following a brief through its versions, and re-checking many submissions at once.

Headless by design: brands run these on servers and in scripts, the app's GUI only calls them.
"""
