"""The curated ontology of astro-ie, installed as package data (``astro_ie.ontologies``).

The YAML files beside this one are the data; :func:`astro_ie.resources.default_ontology_dir`
finds them wherever astro-ie is installed.
"""
