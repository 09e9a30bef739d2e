"""Scoring candidates and deciding what becomes a link (pure).

A candidate's score (0–1) says how many of the target's languages name it, and how: in each language where the
target has a preferred label, the best pairing counts 1.0 (our label = its label), 0.8 (our label = its alias),
0.7 (our alias = its label) or 0.5 (alias = alias); the score is half the best language and half the mean over
the target's languages. So "Kursk Oblast" named alike in uk, en and ru scores 1.0, an English-only match 0.67.

Decisions, in order: a human decision (accept/reject) wins; exactly one candidate sharing a strong key
(a Wikidata id proposed by the extractor, a GeoNames id, an official website) becomes `skos:exactMatch`; a clear
best candidate (score >= `accept`, ahead of the next by >= `margin`) becomes `skos:closeMatch`; anything else
with candidates goes to review.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ingest.linking.lookup import Hit, ItemDetails, Lookup
from ingest.linking.targets import Target

EXACT = "exact"  # unambiguous by a strong key -> skos:exactMatch
CLOSE = "close"  # clear best label match -> skos:closeMatch
ACCEPTED = "accepted"  # accepted by a person -> skos:exactMatch
REVIEW = "review"  # ambiguous or weak -> listed for review
NONE = "none"  # no candidate
LINKED = (EXACT, CLOSE, ACCEPTED)

_PAIR_WEIGHTS = {(True, "label"): 1.0, (True, "alias"): 0.8, (False, "label"): 0.7, (False, "alias"): 0.5}


@dataclass(frozen=True)
class Thresholds:
    """When a best candidate is accepted without review."""

    accept: float = 0.6
    margin: float = 0.15


@dataclass(frozen=True)
class Candidate:
    """A scored candidate item for one target."""

    item: str
    score: float
    matched: tuple[str, ...]  # "uk:label=label", "en:alias=label", …: our name = its name, per language
    strong: tuple[str, ...] = ()  # names of the strong keys both sides share
    details: ItemDetails | None = None
    query_time: str | None = None  # when the endpoint answered the lookup that found it


@dataclass(frozen=True)
class Outcome:
    """What linking decided for one target: status, candidates (best first; the link is the first) and why."""

    target: Target
    status: str
    candidates: tuple[Candidate, ...] = ()
    reason: str = ""
    decided_by: str | None = None  # the person's name for ACCEPTED
    decided_at: str | None = None

    @property
    def link(self) -> Candidate | None:
        """The linked candidate, if any."""
        return self.candidates[0] if self.status in LINKED and self.candidates else None


@dataclass(frozen=True)
class Decision:
    """A person's decision on one (actor, item) pair."""

    actor: str
    item: str
    accept: bool
    by: str = ""
    at: str = ""
    note: str = field(default="", compare=False)


def lookups_for(target: Target) -> list[Lookup]:
    """The label lookups a target needs (each distinct name in each language once)."""
    return [Lookup(label.text, label.lang, target.types) for label in target.labels]


def score_candidates(target: Target, hits: Mapping[str, list[Hit]],
                     times: Mapping[str, str] | None = None) -> list[Candidate]:
    """Score every item any of the target's lookups found; best first, ties by item IRI."""
    languages = sorted({label.lang for label in target.labels if label.preferred}) \
        or sorted({label.lang for label in target.labels})
    weights: dict[str, dict[str, tuple[float, str]]] = {}
    found_at: dict[str, str] = {}
    for label in target.labels:
        lookup = Lookup(label.text, label.lang, target.types)
        for hit in hits.get(lookup.key, ()):
            weight = _PAIR_WEIGHTS[(label.preferred, hit.how)]
            per_language = weights.setdefault(hit.item, {})
            if weight > per_language.get(label.lang, (0.0, ""))[0]:
                per_language[label.lang] = (weight, f"{'label' if label.preferred else 'alias'}={hit.how}")
            when = (times or {}).get(lookup.key)
            if when and (hit.item not in found_at or when < found_at[hit.item]):
                found_at[hit.item] = when
    candidates = []
    for item, per_language in weights.items():
        best = max(weight for weight, _ in per_language.values())
        mean = sum(per_language.get(lang, (0.0, ""))[0] for lang in languages) / len(languages)
        score = round(min(1.0, 0.5 * best + 0.5 * mean), 3)
        matched = tuple(f"{lang}:{how}" for lang, (_, how) in sorted(per_language.items()))
        candidates.append(Candidate(item, score, matched, query_time=found_at.get(item)))
    return sorted(candidates, key=lambda c: (-c.score, c.item))


def with_details(candidates: list[Candidate], details: Mapping[str, ItemDetails], target: Target) -> list[Candidate]:
    """Attach item details and the strong keys the candidate shares with the target."""
    enriched = []
    for candidate in candidates:
        found = details.get(candidate.item)
        strong = []
        for name, ours in sorted(target.keys.items()):
            theirs = {candidate.item} if name == "wikidata" else set(found.keys.get(name, ())) if found else set()
            if ours & theirs:
                strong.append(name)
        enriched.append(Candidate(candidate.item, candidate.score, candidate.matched, tuple(strong), found,
                                  candidate.query_time))
    return enriched


def decide(target: Target, candidates: list[Candidate], decisions: list[Decision] | None = None,
           thresholds: Thresholds = Thresholds()) -> Outcome:
    """The outcome for one target from its scored candidates and any human decisions on it."""
    decisions = decisions or []
    rejected = {d.item for d in decisions if not d.accept}
    accepted = [d for d in decisions if d.accept and d.item not in rejected]
    if accepted:
        choice = accepted[-1]
        chosen = next((c for c in candidates if c.item == choice.item), Candidate(choice.item, 1.0, ()))
        return Outcome(target, ACCEPTED, (chosen,), f"accepted by {choice.by or 'a reviewer'}", choice.by,
                       choice.at)
    remaining = [c for c in candidates if c.item not in rejected]
    if not remaining:
        why = "every candidate was rejected" if candidates else "no candidate with the expected type"
        return Outcome(target, NONE, (), why)
    strong = [c for c in remaining if c.strong]
    if len(strong) == 1:
        best = strong[0]
        rest = tuple(c for c in remaining if c is not best)
        return Outcome(target, EXACT, (best, *rest), "unambiguous by " + ", ".join(best.strong))
    if len(strong) > 1:
        return Outcome(target, REVIEW, tuple(strong), f"{len(strong)} candidates share a strong key")
    best, runner_up = remaining[0], remaining[1] if len(remaining) > 1 else None
    if best.score < thresholds.accept:
        return Outcome(target, REVIEW, tuple(remaining), f"best score {best.score:.2f} < {thresholds.accept:.2f}")
    if runner_up is not None and best.score - runner_up.score < thresholds.margin:
        return Outcome(target, REVIEW, tuple(remaining),
                       f"ambiguous: {len([c for c in remaining if best.score - c.score < thresholds.margin])} "
                       f"candidates within {thresholds.margin:.2f} of {best.score:.2f}")
    return Outcome(target, CLOSE, tuple(remaining), f"best score {best.score:.2f}")
