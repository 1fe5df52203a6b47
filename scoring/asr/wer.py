"""Word error rate against reference texts, after the normalisation ASR output needs to be comparable."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)


def normalize_words(text: str) -> list[str]:
    """Lower-case words with ё folded to е; punctuation and hyphens become word breaks."""
    return _TOKEN_RE.findall(text.lower().replace("ё", "е"))


@dataclass(frozen=True)
class WerResult:
    """Edit counts of a hypothesis against a reference."""

    substitutions: int
    deletions: int
    insertions: int
    reference_words: int

    @property
    def errors(self) -> int:
        """Total word edits."""
        return self.substitutions + self.deletions + self.insertions

    @property
    def wer(self) -> float:
        """Errors per reference word (0 for an empty reference with an empty hypothesis)."""
        if not self.reference_words:
            return 0.0 if not self.insertions else 1.0
        return self.errors / self.reference_words

    def __add__(self, other: WerResult) -> WerResult:
        return WerResult(
            self.substitutions + other.substitutions,
            self.deletions + other.deletions,
            self.insertions + other.insertions,
            self.reference_words + other.reference_words,
        )


def align(reference: list[str], hypothesis: list[str]) -> WerResult:
    """Levenshtein alignment over words, counting each kind of edit."""
    rows, cols = len(reference) + 1, len(hypothesis) + 1
    # each cell: (cost, substitutions, deletions, insertions)
    previous = [(j, 0, 0, j) for j in range(cols)]
    for i in range(1, rows):
        current = [(i, 0, i, 0)]
        for j in range(1, cols):
            diag = previous[j - 1]
            cost = int(reference[i - 1] != hypothesis[j - 1])
            best = (diag[0] + cost, diag[1] + cost, diag[2], diag[3])
            up, left = previous[j], current[j - 1]
            if up[0] + 1 < best[0]:
                best = (up[0] + 1, up[1], up[2] + 1, up[3])
            if left[0] + 1 < best[0]:
                best = (left[0] + 1, left[1], left[2], left[3] + 1)
            current.append(best)
        previous = current
    _, subs, dels, ins = previous[-1]
    return WerResult(subs, dels, ins, len(reference))


def word_errors(reference: str, hypothesis: str) -> WerResult:
    """Edit counts between two texts after normalisation."""
    return align(normalize_words(reference), normalize_words(hypothesis))


def word_error_rate(reference: str, hypothesis: str) -> float:
    """WER of ``hypothesis`` against ``reference`` (0.0 = perfect)."""
    return word_errors(reference, hypothesis).wer
