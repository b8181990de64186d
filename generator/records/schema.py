"""The one definition of the record schema.

Validation (`validate`, `convert`), the editors' schema reference (`tools.schema_doc`) and
the JSON Schema all read these tables; nothing else lists fields by hand. The module is
long because it is that one table: every field and vocabulary term, each with its meaning.
"""

from __future__ import annotations

from dataclasses import dataclass

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

KIND_SINGULAR = {"events": "event", "actors": "actor", "places": "place", "sources": "source", "campaigns": "campaign"}
"""Each record kind (its folder's name) and what one record of it is called."""


@dataclass(frozen=True)
class Text:
    """A string; `markup` allows [[id]] cross-references and [@source] citations."""

    multiline: bool = False
    markup: bool = False


@dataclass(frozen=True)
class Integer:
    minimum: int = 0


@dataclass(frozen=True)
class Number:
    """A number, whole or not (2.5 million barrels)."""

    minimum: float
    maximum: float | None = None


@dataclass(frozen=True)
class Flag:
    """true or false."""


@dataclass(frozen=True)
class Date:
    """A partial date string, see `records.dates`."""


@dataclass(frozen=True)
class Url:
    """An absolute http(s) URL."""


@dataclass(frozen=True)
class Slug:
    """A lowercase slug such as a tag."""


@dataclass(frozen=True)
class Ref:
    """The id of a record of one of these kinds (or one of the words in `also`).

    A reference to a source may carry a locator after a comma: 'report-a, para. 3'.
    """

    kinds: tuple[str, ...]
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choice:
    """A term from one of VOCABULARIES."""

    vocabulary: str


@dataclass(frozen=True)
class ListOf:
    item: FieldType
    min_items: int = 0


@dataclass(frozen=True)
class Object:
    """A nested mapping described in OBJECTS."""

    name: str


@dataclass(frozen=True)
class Settings:
    """A mapping read by its own module (the briefing's `vocabularies`), not field by field."""

    module: str


FieldType = Text | Integer | Number | Flag | Date | Url | Slug | Ref | Choice | ListOf | Object | Settings


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    doc: str
    required: bool = False
    default: str | None = None


SOURCES = Field(
    "sources",
    ListOf(Ref(("sources",)), min_items=1),
    "Source ids that support this item; an id may carry a locator: 'report-a, para. 3'.",
    required=True,
)
NOTE = Field("note", Text(multiline=True, markup=True), "A short note, in the editors' words.")
TAGS = Field("tags", ListOf(Slug()), "Free slugs grouping records on the tags page.")
IDENTIFIERS = Field(
    "identifiers",
    ListOf(Object("identifier")),
    "The record's ids in other datasets or registers: a hull number, a Wikidata or ACLED id.",
)
DESCRIBED_AS = Field(
    "described_as",
    ListOf(Object("description")),
    "How sources or parties characterise the record, each in their own words, so the briefing's voice stays neutral.",
)
TIME_APPROXIMATE = Field(
    "time_approximate",
    Flag(),
    "The time is approximate ('about 18:30'): EDTF has no approximate times, so it is said here.",
    default="false",
)

VOCABULARIES: dict[str, dict[str, str]] = {
    "event-type": {
        "rocket-attack": "Rockets fired at a target.",
        "drone-attack": "One-way attack drones (UAVs) launched at a target.",
        "ballistic-missile-attack": "Ballistic missiles fired, possibly with rockets.",
        "missile-strike": "A strike with missiles other than a ballistic-missile attack.",
        "airstrike": "An attack by aircraft.",
        "drone-strike": "A strike by an armed drone, including targeted killings.",
        "embassy-attack": "An attack on or riot at a diplomatic mission.",
        "ground-attack": "An attack by forces on the ground.",
        "political-decision": "A decision by a government, parliament or leader.",
        "statement": "A public statement that is an event in itself.",
        "deployment": "Forces sent, withdrawn or repositioned.",
        "diplomatic-event": "Talks, notifications or diplomatic steps.",
        "military-operation": "A wider operation or campaign phase.",
        "other": "Anything else; say what in the summary.",
    },
    "role": {
        "perpetrator": "Carried out the act.",
        "target": "Was the target of the act.",
        "claimed-responsibility": "Said it carried out the act.",
        "denied-responsibility": "Said it did not carry out the act.",
        "ordered": "Ordered the act.",
        "announced": "Announced or confirmed the act.",
        "condemned": "Condemned the act.",
        "blamed": "Blamed another actor for the act.",
        "killed": "Was killed.",
        "injured": "Was injured.",
        "informed": "Was informed of the act beforehand.",
        "supported": "Supported or enabled the act.",
        "deployed": "Deployed forces.",
        "mediated": "Mediated.",
        "reported": "Reported on the act.",
        "other": "Another role; explain in the note.",
    },
    "attribution": {
        "declared": "The actor said so itself, openly.",
        "claimed": "Responsibility claimed by the actor or its channels.",
        "alleged": "Said by another party, not confirmed.",
        "assessed": "An official or analytical assessment.",
        "reported": "Reported by a source without naming who established it.",
    },
    "claim-counts": {
        "killed": "People killed.",
        "injured": "People injured or wounded.",
        "attacks": "Attacks counted.",
        "facilities-struck": "Facilities, sites or positions struck.",
        "facilities-destroyed": "Facilities destroyed.",
        "buildings-destroyed": "Buildings destroyed.",
        "rockets-fired": "Rockets fired.",
        "missiles-fired": "Missiles fired.",
        "drones-launched": "Drones launched.",
        "munitions-intercepted": "Munitions intercepted.",
        "troops-deployed": "Troops deployed.",
        "other": "Another count; say what in 'of'.",
    },
    "qualifier": {
        "exact": "Exactly the value.",
        "at-least": "At least the value.",
        "up-to": "Up to the value.",
        "more-than": "More than the value.",
        "about": "About the value.",
    },
    "place-relation": {
        "at": "At or in the place.",
        "near": "Near the place.",
        "in-or-near": "In or near the place (the source is unsure).",
    },
    "event-relation": {
        "in-response-to": "This event answered the other.",
        "led-to": "This event led to the other.",
        "related-to": "Related otherwise.",
    },
    "statement-kind": {"quote": "The speaker's exact words.", "paraphrase": "A source's rendering of what was said."},
    "name-kind": {
        "alias": "Another name in use.",
        "abbreviation": "An abbreviation or acronym.",
        "spelling": "A variant spelling.",
        "transliteration": "A transliteration from another script.",
        "native": "The name in its own language and script.",
        "former": "A name no longer in use.",
        "designation": "A label given by another party.",
    },
    "actor-kind": {
        "state": "A country as an actor.",
        "government-body": "A ministry, agency, command or office.",
        "armed-forces-unit": "A military service or unit.",
        "armed-group": "A non-state armed group.",
        "umbrella-coalition": "An umbrella or coalition of groups.",
        "international-coalition": "A coalition of states.",
        "political-party": "A political party.",
        "person": "A person.",
        "media-organisation": "A news organisation.",
        "think-tank": "A research institute.",
        "other": "Anything else.",
    },
    "affiliation": {
        "member-of": "Is a member of.",
        "part-of": "Is part of.",
        "backed-by": "Is funded, armed or supported by.",
        "commands": "Commands.",
        "leads": "Leads.",
        "successor-of": "Succeeded.",
        "allied-with": "Is allied with.",
        "subordinate-to": "Reports to.",
    },
    "place-kind": {
        "country": "A country.",
        "region": "A region.",
        "governorate": "A governorate or province.",
        "district": "A district.",
        "city": "A city.",
        "town": "A town.",
        "neighbourhood": "A neighbourhood.",
        "air-base": "An air base.",
        "military-base": "A military base or site.",
        "airport": "An airport.",
        "landing-zone": "A landing zone.",
        "embassy": "A diplomatic mission.",
        "site": "Another site.",
        "river": "A river or valley.",
        "sea": "A sea.",
        "other": "Anything else.",
    },
    "confidence": {},
    "stated-field": {
        "publisher": "The publisher.",
        "authors": "The authors.",
        "published": "The date of publication.",
        "url": "The web address.",
    },
    "source-kind": {
        "news-report": "A news article.",
        "encyclopedia-article": "An encyclopedia article.",
        "official-statement": "A statement by an official body.",
        "think-tank-analysis": "An analysis by a research institute.",
        "social-media-post": "A social-media post.",
        "other": "Anything else.",
    },
}

OBJECTS: dict[str, tuple[Field, ...]] = {
    "name": (
        Field("name", Text(), "The other name exactly as written.", required=True),
        Field("kind", Choice("name-kind"), "What kind of name it is.", required=True),
        Field("lang", Slug(), "Language code, e.g. 'ar'."),
        SOURCES,
    ),
    "affiliation": (
        Field("relation", Choice("affiliation"), "How this actor relates to the other.", required=True),
        Field("actor", Ref(("actors",)), "The other actor.", required=True),
        Field("start", Date(), "When the relation began, if known."),
        Field("end", Date(), "When it ended, if known."),
        SOURCES,
        NOTE,
    ),
    "held-position": (
        Field("title", Text(), "The title as the source gives it.", required=True),
        Field("organisation", Ref(("actors",)), "The organisation, if it has a record."),
        Field("start", Date(), "From, if known."),
        Field("end", Date(), "Until, if known."),
        SOURCES,
    ),
    "coordinates": (
        Field("lat", Number(-90, 90), "Latitude in decimal degrees.", required=True),
        Field("lon", Number(-180, 180), "Longitude in decimal degrees.", required=True),
        Field("precision", Text(), "How precise the source is, e.g. 'about 5 km'; omit when it does not say."),
        SOURCES,
    ),
    "identifier": (
        Field("scheme", Slug(), "The register or dataset: 'hull-number', 'wikidata', 'acled'.", required=True),
        Field("value", Text(), "The id in that register, exactly as given.", required=True),
        SOURCES,
    ),
    "description": (
        Field("words", Text(), "The characterisation, in the source's or party's words.", required=True),
        Field("by", Ref(("actors",)), "The party whose words they are; omit when the source itself says it."),
        SOURCES,
    ),
    "place-ref": (
        Field("place", Ref(("places",)), "The place.", required=True),
        Field("relation", Choice("place-relation"), "How precisely the event is placed.", default="at"),
        Field("sources", ListOf(Ref(("sources",))), "Sources placing the event there (default: the event's)."),
        Field(
            "note", Text(multiline=True, markup=True), "Where exactly, as a source says: '40 nautical miles west of …'."
        ),
    ),
    "participant": (
        Field("actor", Ref(("actors",)), "The actor.", required=True),
        Field("role", Choice("role"), "What the actor did or underwent.", required=True),
        Field("attribution", Choice("attribution"), "How the role is known.", required=True),
        SOURCES,
        NOTE,
    ),
    "claim": (
        Field("counts", Choice("claim-counts"), "What is counted.", required=True),
        Field("of", Text(), "Whose: 'crew members', 'civilians', 'soldiers of the second battalion'."),
        Field("of_actor", Ref(("actors",)), "Whose, as an actor record."),
        Field("value", Number(0), "The figure: a whole number, or not where the unit needs it (2.5).", required=True),
        Field("unit", Text(), "The unit, where the count needs one: 'million barrels', 'tonnes'."),
        Field("qualifier", Choice("qualifier"), "How the figure is bounded.", default="exact"),
        Field("value_max", Number(0), "Upper bound when the claim is a range."),
        Field("claimed_by", Ref(("actors",)), "Who makes the claim; omit when the source itself reports it."),
        Field(
            "unnamed_claimant",
            Text(),
            "How the source names an unnamed claimant ('an official who asked not to be named'); claimed_by is "
            "whom they speak for.",
        ),
        SOURCES,
        NOTE,
    ),
    "statement": (
        Field("speaker", Ref(("actors",)), "Who said it, or whom an unnamed speaker speaks for.", required=True),
        Field(
            "unnamed_speaker",
            Text(),
            "How the source names an unnamed speaker ('a senior official'), who speaks for `speaker`.",
        ),
        Field(
            "words",
            Text(multiline=True),
            "The words, short and exact, in the language they were said in.",
            required=True,
        ),
        Field("language", Slug(), "The words' language code, e.g. 'ar', when not the briefing's."),
        Field("translation", Text(multiline=True), "The words in the briefing's language."),
        Field(
            "translated_by",
            Ref(("actors", "sources"), also=("editors",)),
            "Who translated them: a source or actor id, or 'editors'.",
        ),
        Field("kind", Choice("statement-kind"), "Quote or paraphrase.", default="quote"),
        Field("date", Date(), "When it was said, if known."),
        SOURCES,
        NOTE,
    ),
    "relation": (
        Field("relation", Choice("event-relation"), "How the events relate.", required=True),
        Field("event", Ref(("events",)), "The other event.", required=True),
        Field("sources", ListOf(Ref(("sources",))), "Sources linking the events (default: the event's)."),
        NOTE,
    ),
    "date-report": (
        Field("date", Date(), "The date as this source gives it.", required=True),
        TIME_APPROXIMATE,
        Field("zone", Text(), "The time zone the source gives its time in, by name: 'Eastern Time'."),
        Field("source", Ref(("sources",)), "The source giving it.", required=True),
        Field("reported_by", Ref(("actors",)), "Who gives the date, if an actor."),
        NOTE,
    ),
}

_ID = Field("id", Slug(), "Lowercase slug; must equal the file name without .yml and be unique.", required=True)
FORMER_IDS = Field(
    "former_ids",
    ListOf(Slug()),
    "Ids the record had before it was renamed: each old address redirects to the record's page. "
    "No other record may have or have had the same id.",
)
PAGE_PUBLISHED = Field(
    "published",
    Date(),
    "The day the record's page was first published (YYYY-MM-DD), used only where the content folder's "
    "git history does not give it.",
)
PAGE_UPDATED = Field(
    "updated",
    Date(),
    "The day the record's page was last updated (YYYY-MM-DD, not before `published`), used only where the "
    "content folder's git history does not give it.",
)
_NAMES = Field("names", ListOf(Object("name")), "Other names, spellings and abbreviations.")

RECORDS: dict[str, tuple[Field, ...]] = {
    "events": (
        _ID,
        Field("title", Text(), "A short headline.", required=True),
        Field("date", Date(), "When, in EDTF, with the precision known.", required=True),
        TIME_APPROXIMATE,
        Field("time_zone_name", Text(), "The local zone's name for a timed date, e.g. 'Eastern European Time'."),
        Field("date_reports", ListOf(Object("date-report")), "Dates other sources give for the event."),
        Field("type", Choice("event-type"), "What kind of event.", required=True),
        Field("places", ListOf(Object("place-ref")), "Where."),
        Field("participants", ListOf(Object("participant")), "Who did what, and how that is known."),
        Field(
            "summary", Text(multiline=True, markup=True), "What happened, in the editors' words, cited.", required=True
        ),
        Field("claims", ListOf(Object("claim")), "Casualty, damage and count figures, one per claimant."),
        Field("statements", ListOf(Object("statement")), "Quotes and paraphrases."),
        Field("relations", ListOf(Object("relation")), "Links to other events."),
        Field("campaigns", ListOf(Ref(("campaigns",))), "Campaigns the event belongs to."),
        Field("confidence", Choice("confidence"), "How sure the editors are, on the briefing's own scale."),
        DESCRIBED_AS,
        IDENTIFIERS,
        TAGS,
        SOURCES,
        FORMER_IDS,
        PAGE_PUBLISHED,
        PAGE_UPDATED,
    ),
    "actors": (
        _ID,
        Field("name", Text(), "The name used on the site.", required=True),
        Field("kind", Choice("actor-kind"), "What kind of actor.", required=True),
        _NAMES,
        Field("affiliations", ListOf(Object("affiliation")), "Relations to other actors."),
        Field("positions", ListOf(Object("held-position")), "Positions a person held."),
        Field("country", Ref(("places",)), "The country the actor belongs to."),
        Field("profile", Text(multiline=True, markup=True), "Who the actor is, cited.", required=True),
        DESCRIBED_AS,
        IDENTIFIERS,
        TAGS,
        SOURCES,
        FORMER_IDS,
        PAGE_PUBLISHED,
        PAGE_UPDATED,
    ),
    "places": (
        _ID,
        Field("name", Text(), "The name used on the site.", required=True),
        Field("kind", Choice("place-kind"), "What kind of place.", required=True),
        _NAMES,
        Field("located_in", Ref(("places",)), "The place it lies in."),
        Field("description", Text(multiline=True, markup=True), "What and where it is, cited.", required=True),
        Field("coordinates", Object("coordinates"), "Only when a source gives them."),
        IDENTIFIERS,
        TAGS,
        SOURCES,
        FORMER_IDS,
        PAGE_PUBLISHED,
        PAGE_UPDATED,
    ),
    "sources": (
        _ID,
        Field("title", Text(), "The document's title.", required=True),
        Field("kind", Choice("source-kind"), "What kind of document.", required=True),
        Field("publisher", Text(), "Publisher, if the document names it."),
        Field("authors", ListOf(Text()), "Authors, if named."),
        Field("published", Date(), "Publication date, if given."),
        Field("updated", Date(), "Last update, if given."),
        Field("url", Url(), "Where it was published, if known."),
        Field("archive_url", Url(), "A web-archive snapshot, if any."),
        Field("language", Slug(), "Language code, e.g. 'en'."),
        Field("seed", Text(), "The file name of the editors' own copy of the document, which they worked from."),
        Field("notes", Text(multiline=True), "What the document is; which fields are unknown and why."),
        Field(
            "not_stated",
            ListOf(Choice("stated-field")),
            "Fields the document does not state, so their absence is no warning: publisher, authors, published, url.",
        ),
        IDENTIFIERS,
        FORMER_IDS,
    ),
    "campaigns": (
        _ID,
        Field("name", Text(), "The campaign's name.", required=True),
        Field("start", Date(), "When it began.", required=True),
        Field("end", Date(), "When it ended, if it did."),
        Field("description", Text(multiline=True, markup=True), "Its narrative, cited.", required=True),
        Field("claims", ListOf(Object("claim")), "Figures for the whole campaign, one per claimant."),
        IDENTIFIERS,
        TAGS,
        SOURCES,
        FORMER_IDS,
        PAGE_PUBLISHED,
        PAGE_UPDATED,
    ),
}

BRIEFING: tuple[Field, ...] = (
    Field("scope", Text(multiline=True, markup=True), "What the briefing covers, cited.", required=True),
    Field(
        "abbreviations",
        ListOf(Text()),
        "Words ending in a full stop that do not end a sentence, besides the English ones the generator knows "
        "('Vice Adm.', 'U.S.'), written without the stop: 'Kpt', 'bzw'.",
    ),
    Field(
        "web_archives",
        ListOf(Text()),
        "Web archives whose snapshots archive_url may hold, by host name ('webarchive.example.gov'), besides "
        "web.archive.org, archive.today (archive.ph, archive.is, …), perma.cc, webcitation.org, ghostarchive.org, "
        "the UK, Portuguese, Australian and Library of Congress web archives and Archive-It; a snapshot on one "
        "must have the Memento shape https://<host>/…/<YYYYMMDDhhmmss>/<original url>.",
    ),
    Field(
        "version",
        Text(),
        "The briefing's version, shown on the home and Data pages, in the downloads and in each page's citation: "
        "'1.2', '2024-02 edition'.",
    ),
    Field(
        "vocabularies",
        Settings("records.vocabulary"),
        "Terms this briefing adds to a vocabulary (each with a label and a definition) or retires from it.",
    ),
)
"""content/briefing.yml. The title, description, language and pages are mkdocs.yml's (records/settings)."""
MOVED_TO_MKDOCS = {"title": "site_name", "subtitle": "site_description"}
"""briefing.yml fields that mkdocs.yml now holds, so that a site's title lives in one place."""
