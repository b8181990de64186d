"""Site: MkDocs (or Zensical, or ProperDocs) turns the generated pages into a site; the live preview.

`build` builds into a staging folder swapped in only on success;
`shared_build` renders MkDocs' pages in several processes, byte-identical to
`mkdocs build`; `gather` is MkDocs' whole-site work before the pages, shared
by that build and the preview; `forked` runs calls in child processes;
`serve` regenerates on every save, with `on_demand` and `dev_server`
rendering each page when the browser asks for it.

May import: `generator.errors`, `generator.config`, `generator.records`,
`generator.pages` and this package; never `checks` or `tools`.
"""
