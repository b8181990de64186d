"""Where things are: content, templates, docs tree and site, from mkdocs.yml and flags."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may carry !!python/name tags (emoji options); we only need two keys."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_LenientLoader.add_multi_constructor("", _ignore_tag)


SEARCH_ENGINES = ("material", "pagefind")


class ConfigError(ValueError):
    """mkdocs.yml asks for something the generator does not know."""


@dataclass(frozen=True)
class Paths:
    content: Path
    templates: Path
    config: Path
    docs: Path
    site: Path
    search: str = "material"
    """Material's built-in search, or Pagefind's chunked index for large briefings (extra.briefing.search)."""


def resolve_paths(
    config: Path, content: Path | None = None, templates: Path | None = None, site: Path | None = None
) -> Paths:
    """Paths from the flags, falling back to mkdocs.yml's docs_dir/site_dir beside the config."""
    settings = yaml.load(config.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
    base = config.parent
    briefing = (settings.get("extra") or {}).get("briefing") or {}
    search = str(briefing.get("search", "material"))
    if search not in SEARCH_ENGINES:
        raise ConfigError(f"{config}: extra.briefing.search is '{search}'; expected one of {', '.join(SEARCH_ENGINES)}")
    return Paths(
        content=content or base / "content",
        templates=templates or base / "site_templates",
        config=config,
        docs=base / str(settings.get("docs_dir", "docs")),
        site=site or base / str(settings.get("site_dir", "site")),
        search=search,
    )
