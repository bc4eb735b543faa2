"""astro-ie: information extraction for the astronomy + machine-learning literature.

``astro_ie`` is the pure core: every stage runs without Prefect;
``astro_ie.flows`` wires Prefect around it.
"""

__version__ = "0.2.0"
