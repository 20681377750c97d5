"""Extractors: one module per kind of fact; kg.extract.facts runs them over an article."""
