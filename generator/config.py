"""Where things are: content, templates, docs tree and site, from mkdocs.yml and flags."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import display_path


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may carry !!python/name tags (emoji options); we only need two keys."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_LenientLoader.add_multi_constructor("", _ignore_tag)


SEARCH_ENGINES = ("material", "pagefind")


class ConfigError(ValueError):
    """mkdocs.yml asks for something the generator does not know."""


class ConfigNotFoundError(ConfigError):
    """There is no mkdocs.yml where the command looked: most often, it was run outside the briefing's folder."""


def package_templates() -> Path:
    """The generator's own templates, scaffolds and stylesheet.

    An installed wheel carries them inside the package (pyproject.toml maps
    site_templates/ there); a checkout has them at its top level.
    """
    here = Path(__file__).resolve().parent
    installed = here / "site_templates"
    return installed if installed.is_dir() else here.parent / "site_templates"


TemplatePath = tuple[Path, ...]
"""Folders searched for a template, first match wins: a briefing's own overrides, then the generator's."""


def template_path(overrides: Path | None) -> TemplatePath:
    package = package_templates()
    return (overrides, package) if overrides is not None and overrides.resolve() != package else (package,)


@dataclass(frozen=True)
class Paths:
    content: Path
    templates: Path | None
    """The briefing's own template folder, overriding or adding to the generator's (as Material's custom_dir)."""
    config: Path
    docs: Path
    site: Path
    search: str = "material"
    """Material's built-in search, or Pagefind's chunked index for large briefings (extra.briefing.search)."""

    @property
    def template_path(self) -> TemplatePath:
        return template_path(self.templates)


def resolve_paths(
    config: Path, content: Path | None = None, templates: Path | None = None, site: Path | None = None
) -> Paths:
    """Paths from the flags, falling back to mkdocs.yml's settings beside the config.

    From mkdocs.yml: docs_dir, site_dir, and under extra.briefing the search engine and
    the briefing's own template folder (`templates:`, relative to mkdocs.yml).
    """
    try:
        text = config.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigNotFoundError(
            f"{display_path(config)}: not found (run the command in the briefing's folder, pass -f with the path "
            "of its mkdocs.yml, or start a briefing with: python -m generator init DIR)"
        ) from None
    settings = yaml.load(text, Loader=_LenientLoader) or {}
    base = config.parent
    briefing = (settings.get("extra") or {}).get("briefing") or {}
    search = str(briefing.get("search", "material"))
    if search not in SEARCH_ENGINES:
        raise ConfigError(f"{config}: extra.briefing.search is '{search}'; expected one of {', '.join(SEARCH_ENGINES)}")
    overrides = templates or (base / str(briefing["templates"]) if briefing.get("templates") else None)
    return Paths(
        content=content or base / "content",
        templates=overrides,
        config=config,
        docs=base / str(settings.get("docs_dir", "docs")),
        site=site or base / str(settings.get("site_dir", "site")),
        search=search,
    )
