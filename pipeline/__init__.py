"""astro-ie: information extraction for the astronomy + machine-learning literature.

``pipeline`` is the pure core: every stage runs without Prefect.
"""

__version__ = "0.1.0"
