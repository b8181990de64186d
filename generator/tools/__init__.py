"""Tools for editors and benchmarks: record scaffolds, the editors' JSON Schemas and
schema reference, and synthetic briefings of any size.

May import: `generator.errors`, `generator.config`, `generator.records` and this
package; never `pages`, `site` or `checks`.
"""
