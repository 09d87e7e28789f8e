"""Print production: colour separations (films), ad sets, and the submission package.

No Qt here: the GUI drives these through the long-work API (``progress``/``cancel``).
"""
