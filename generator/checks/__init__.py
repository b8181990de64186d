"""Checks: the CI gate over the content and the built site, and its report.

`check` runs them all: `citations` (what is cited, coverage of facts and
sentences), `urls` (offline shape, optional online requests), `links`
(every internal link and anchor of the built site); the nav is checked with
the records (`records.settings`); `report` prints the result as text, JSON or
GitHub annotations.

May import: `generator.errors`, `generator.config`, `generator.records`,
`generator.pages` and this package; never `site` or `tools`. Never changes content.
"""
