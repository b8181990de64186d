"""A deterministic synthetic briefing for benchmarks: N events shaped like real ones.

About N/5 actors, N/10 places and N/2 sources, all cross-referenced: events
have participants with roles, conflicting claims, quotes, relations to
earlier events, tags, and summaries with [[id]] links and [@source]
citations. The same seed always writes the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

from generator.records import schema

_WORDS = (
    "militia",
    "base",
    "strike",
    "drone",
    "rocket",
    "convoy",
    "airfield",
    "facility",
    "officials",
    "statement",
    "province",
    "border",
    "river",
    "intercepted",
    "claimed",
    "reported",
    "damage",
    "response",
    "forces",
)
_ACTOR_KINDS = ("state", "government-body", "armed-group", "umbrella-coalition", "person")
_PLACE_KINDS = ("city", "town", "air-base", "district", "site")
_EVENT_TYPES = ("rocket-attack", "drone-attack", "ballistic-missile-attack", "airstrike", "drone-strike")


def _sentence(rng: random.Random, words: int = 12) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def synthetic_files(events: int, seed: int = 1) -> dict[str, str]:
    """{relative path: YAML text} of a whole content tree."""
    rng = random.Random(seed)
    n_actors, n_places, n_sources = max(5, events // 5), max(3, events // 10), max(2, events // 2)
    sources = [f"source-{i:05d}" for i in range(n_sources)]
    actors = [f"actor-{i:05d}" for i in range(n_actors)]
    places = [f"place-{i:05d}" for i in range(n_places)]
    files = {
        f"sources/{s}.yml": f"id: {s}\ntitle: Report {i}\nkind: news-report\npublisher: Wire {i % 7}\n"
        f'published: "2024-01-{1 + i % 28:02d}"\nurl: https://example.org/{i}\n'
        for i, s in enumerate(sources)
    }
    for i, actor in enumerate(actors):
        files[f"actors/{actor}.yml"] = _actor(rng, i, actor, actors, sources)
    for i, place in enumerate(places):
        parent = f"located_in: {places[i // 10]}\n" if i >= 10 else ""
        files[f"places/{place}.yml"] = (
            f"id: {place}\nname: Place {i}\nkind: {_PLACE_KINDS[i % 5]}\n"
            f"names:\n  - {{name: Plaice {i}, kind: spelling, sources: [{sources[i]}]}}\n"
            f"{parent}description: >-\n  {_sentence(rng)}[@{sources[i]}]\n"
            f"sources: [{sources[i]}]\n"
        )
    ids = [f"e{i:05d}" for i in range(events)]
    for i, event in enumerate(ids):
        files[f"events/{event}.yml"] = _event(rng, i, ids, actors, places, sources)
    return files


def _actor(rng: random.Random, i: int, actor: str, actors: list[str], sources: list[str]) -> str:
    kind = _ACTOR_KINDS[i % len(_ACTOR_KINDS)]
    source = rng.choice(sources)
    text = (
        f"id: {actor}\nname: Actor {i}\nkind: {kind}\n"
        f"names:\n  - {{name: A{i}, kind: abbreviation, sources: [{source}]}}\n"
    )
    if i > 0:
        text += (
            f"affiliations:\n  - {{relation: {rng.choice(list(schema.VOCABULARIES['affiliation']))}, "
            f"actor: {actors[rng.randrange(i)]}, sources: [{source}]}}\n"
        )
    return text + f"profile: >-\n  {_sentence(rng)}[@{source}]\nsources: [{source}]\n"


def _moment(i: int, events: int) -> tuple[int, int, int, int, int]:
    """Event i's year, month, day, hour and minute: the years run in order, the rest cycle."""
    return (2019 + (i * 6) // max(1, events), 1 + i % 12, 1 + i % 28, i % 24, i % 60)


def _event(rng: random.Random, i: int, ids: list[str], actors: list[str], places: list[str], sources: list[str]) -> str:
    cited = rng.sample(sources, 3)
    a, b = rng.sample(actors, 2)
    place = rng.choice(places)
    lines = [
        f"id: {ids[i]}",
        f"title: Incident {i} at Place {place[6:]}",
        'date: "{}-{:02d}-{:02d}T{:02d}:{:02d}:00+03:00"'.format(*_moment(i, len(ids))),
        "time_zone_name: Iraq time",
        f"type: {_EVENT_TYPES[i % 5]}",
        f"places:\n  - place: {place}",
        f"participants:\n  - {{actor: {a}, role: perpetrator, attribution: alleged, sources: [{cited[0]}]}}\n"
        f"  - {{actor: {b}, role: target, attribution: declared, sources: [{cited[1]}]}}",
        "summary: >-\n  "
        + " ".join(f"{_sentence(rng, 30)} [[{rng.choice(actors)}]] near [[{place}]].[@{c}]" for c in cited),
        f"claims:\n  - {{counts: killed, of: fighters, value: {rng.randrange(1, 20)}, qualifier: up-to, "
        f"claimed_by: {a}, sources: [{cited[0]}]}}\n"
        f"  - {{counts: killed, of: fighters, value: {rng.randrange(1, 5)}, qualifier: at-least, "
        f"claimed_by: {b}, sources: [{cited[1]}]}}",
        f'statements:\n  - {{speaker: {a}, words: "{_sentence(rng, 8)}", sources: [{cited[2]}]}}',
    ]
    if i > 0:
        other = rng.randrange(i)
        # An answer never comes before what it answers: an event dated later is one this event led to.
        relation = "led-to" if _moment(other, len(ids)) > _moment(i, len(ids)) else "in-response-to"
        lines.append(f"relations:\n  - {{relation: {relation}, event: {ids[other]}, sources: [{cited[0]}]}}")
    lines += [f"tags: [tag-{i % 20}]", f"sources: [{', '.join(cited)}]"]
    return "\n".join(lines) + "\n"


def write_synthetic(root: Path, events: int, seed: int = 1) -> int:
    """Write the tree under root (which must not exist yet); returns the number of files."""
    root.mkdir(parents=True)
    files = synthetic_files(events, seed)
    for relative, text in sorted(files.items()):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    first_source = min(p for p in files if p.startswith("sources/"))[len("sources/") : -len(".yml")]
    (root / "briefing.yml").write_text(
        f"scope: >-\n  A generated briefing of {events} events for benchmarks.[@{first_source}]\n",
        encoding="utf-8",
    )
    return len(files)
