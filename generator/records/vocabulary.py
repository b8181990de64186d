"""The briefing's vocabularies: the generator's terms, with those a briefing adds and without those it retires.

A land war and a war at sea need different words. `content/briefing.yml` may add
terms to any vocabulary, each with a label and a one-line definition, and retire
the generator's defaults it does not use:

    vocabularies:
      event-type:
        add:
          seizure: {label: Seizure, definition: A vessel boarded and taken into custody.}
        retire: [embassy-attack]

Validation, "did you mean", the pages, the editors' JSON Schemas and the schema
reference all read the resulting vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from generator.errors import ContentError, Position, Problem
from generator.records import schema
from generator.records.load import BRIEFING_FILE, load_yaml_file
from generator.records.suggest import suggest
from generator.records.yaml_positions import YList, YMap

FIELD = "vocabularies"
SLUG = re.compile(schema.SLUG_PATTERN)


def default_label(term: str) -> str:
    """'ballistic-missile-attack' → 'Ballistic missile attack'."""
    text = term.replace("-", " ")
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Term:
    label: str
    definition: str
    added: bool = False
    """Added by the briefing rather than one of the generator's defaults."""


def _defaults() -> MappingProxyType[str, dict[str, Term]]:
    return MappingProxyType(
        {
            name: {term: Term(default_label(term), definition) for term, definition in terms.items()}
            for name, terms in schema.VOCABULARIES.items()
        }
    )


@dataclass(frozen=True)
class Vocabulary:
    """Every vocabulary's terms in order: the generator's (less those retired), then the briefing's."""

    terms: MappingProxyType[str, dict[str, Term]] = field(default_factory=lambda: _defaults())

    def of(self, name: str) -> dict[str, Term]:
        return self.terms[name]

    def label(self, term: str, name: str | None = None) -> str:
        """The term's label: the briefing's where it gave one, else made from the term."""
        found = self.of(name).get(term) if name else next((v[term] for v in self.terms.values() if term in v), None)
        return found.label if found else default_label(term)


DEFAULT = Vocabulary()


def read_vocabulary(data: YMap | None, problems: list[Problem]) -> Vocabulary:
    """The vocabulary `briefing.yml` defines under `vocabularies:`; every problem of it at its position."""
    section = data.get(FIELD) if data is not None else None
    if section is None:
        return DEFAULT
    assert data is not None
    if not isinstance(section, YMap):
        problems.append(_problem(data.value_positions[FIELD], "'vocabularies' must be a mapping of vocabulary names"))
        return DEFAULT
    terms = {name: dict(found) for name, found in DEFAULT.terms.items()}
    for name, change in section.items():
        where = section.key_positions[name]
        if name not in terms:
            hint = suggest(name, list(terms)) or f"the vocabularies are: {', '.join(terms)}"
            problems.append(_problem(where, f"unknown vocabulary '{name}'", hint))
        elif not isinstance(change, YMap) or set(change) - {"add", "retire"}:
            problems.append(_problem(where, f"vocabularies.{name} takes 'add' and 'retire'", _EXAMPLE))
        else:
            _retire(terms[name], change, name, problems)
            _add(terms[name], change, name, problems)
    return Vocabulary(MappingProxyType(terms))


def load_vocabulary(content: Path) -> Vocabulary:
    """The vocabulary `content/briefing.yml` defines, read without the records.

    The editors' JSON Schemas and the schema reference need no more, and must be
    writable while records still have errors: they are how an editor finds them.
    """
    path = content / BRIEFING_FILE
    problems: list[Problem] = []
    data = load_yaml_file(path, problems) if path.is_file() else None
    vocabulary = read_vocabulary(data, problems)
    if problems:
        raise ContentError(problems)
    return vocabulary


_EXAMPLE = "e.g. add: {seizure: {label: Seizure, definition: …}}, retire: [embassy-attack]"


def _add(terms: dict[str, Term], change: YMap, name: str, problems: list[Problem]) -> None:
    added = change.get("add")
    if added is None:
        return
    if not isinstance(added, YMap):
        problems.append(_problem(change.value_positions["add"], f"vocabularies.{name}.add must map terms", _EXAMPLE))
        return
    for term, spec in added.items():
        where = added.key_positions[term]
        path = f"vocabularies.{name}.add.{term}"
        if not isinstance(term, str) or not SLUG.match(term):
            problems.append(_problem(where, f"term '{term}' in vocabularies.{name} is not a lowercase slug"))
        elif term in terms:
            problems.append(
                _problem(where, f"'{term}' is already a term of {name}", "use it as it is, or rename yours")
            )
        elif (
            not isinstance(spec, YMap)
            or not isinstance(spec.get("definition"), str)
            or set(spec) - {"label", "definition"}
        ):
            problems.append(_problem(where, f"{path} needs a one-line 'definition' (and may have a 'label')", _EXAMPLE))
        else:
            label = spec.get("label")
            terms[term] = Term(str(label) if label else default_label(term), " ".join(spec["definition"].split()), True)


def _well_formed(spec: object) -> bool:
    return (
        isinstance(spec, YMap) and isinstance(spec.get("definition"), str) and not set(spec) - {"label", "definition"}
    )


def _retire(terms: dict[str, Term], change: YMap, name: str, problems: list[Problem]) -> None:
    retired = change.get("retire")
    if retired is None:
        return
    if not isinstance(retired, YList):
        problems.append(_problem(change.value_positions["retire"], f"vocabularies.{name}.retire must list terms"))
        return
    for term, where in zip(retired, retired.item_positions, strict=True):
        if term in terms and not terms[term].added:
            del terms[term]
        else:
            hint = suggest(str(term), list(terms)) or f"the generator's {name} terms are: {', '.join(terms)}"
            problems.append(_problem(where, f"cannot retire '{term}': it is not a term of {name}", hint))


def _problem(where: Position, message: str, hint: str = "") -> Problem:
    return Problem(where, "error", message, hint)
