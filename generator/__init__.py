"""Briefing-site generator: YAML records → cross-linked Markdown pages for MkDocs."""

__version__ = "0.1.0"
