"""Records: the content folder's YAML in, a validated and indexed briefing out.

`schema` is the one definition of every field and vocabulary; `load` walks the
folder and `yaml_positions` parses each file keeping line and column; `validate`
(with `convert` and `record_checks`) turns raw mappings into the frozen dataclasses
of `model`, reporting every problem of a run at once; `dates` and `markup` read
dates and inline references; `index` resolves references between records and
builds backlinks and chronologies (`suggest` says "did you mean").

May import: `generator.errors`, `generator.config` and this package; never
`pages`, `site`, `checks` or `tools`.
"""
