"""Pages: the indexed briefing in, Markdown pages on disk out.

`render` runs the Jinja2 templates (Markdown-escaped, `StrictUndefined`) over
the plan that `record_pages` and `listings` make, one context per page;
`context` gives templates links, footnotes and escaped narrative; `filters`
are the templates' filters; `write` brings the docs folder up to date, only
changed files and never half a file; `pipeline` chains load → validate →
index → render → write for the command line and the preview.

May import: `generator.errors`, `generator.config`, `generator.records` and this
package; never `site`, `checks` or `tools`.
"""
