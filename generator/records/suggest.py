"""'Did you mean …?' for unknown ids, in near-linear time for many typos.

difflib against every id is O(typos × ids): with thousands of errors in a
large briefing that turns quadratic. A trigram index shortlists the ids that
share the most three-letter runs with the typo, and difflib ranks only those.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable

SHORTLIST = 30


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Suggester:
    def __init__(self, words: Iterable[str]) -> None:
        self.words = sorted(set(words))
        self.index: dict[str, list[str]] = defaultdict(list)
        for word in self.words:
            for gram in _trigrams(word):
                self.index[gram].append(word)
        self.memo: dict[str, str] = {}

    def closest(self, word: str) -> str:
        """The nearest known word, or '' when none is close enough."""
        if word not in self.memo:
            shared: Counter[str] = Counter()
            for gram in _trigrams(word):
                shared.update(self.index.get(gram, ()))
            shortlist = [w for w, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:SHORTLIST]]
            close = difflib.get_close_matches(word, shortlist, n=1, cutoff=0.6)
            self.memo[word] = close[0] if close else ""
        return self.memo[word]


def hint(word: str, suggester: Suggester) -> str:
    close = suggester.closest(word)
    return f"did you mean '{close}'?" if close else ""


def suggest(word: str, options: list[str] | tuple[str, ...] | set[str]) -> str:
    """'did you mean …?' among a few options (field names, vocabulary terms), or '' when nothing is close."""
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
