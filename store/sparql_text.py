"""A small SPARQL lexer and the few structural facts the service needs from query and update text.

Not a parser: it splits text into tokens (IRIs, strings, comments, variables, names, punctuation) and tracks brace
depth, which is enough to find the query form, dataset clauses (FROM), SERVICE targets, the start of the WHERE
group (where named-query parameters are bound with a VALUES block) and the top-level clauses of each update
operation (to apply the protocol's using-graph-uri). The engine still parses everything; these helpers only read
text the engine will then check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<bnode>_:[^\s{}()\[\];,.]+)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w\-.\u00B7-\uFFFF]*)?:(?:[^\s{}()\[\];,<>"'#]*[^\s{}()\[\];,.<>"'#])?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*)
  | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<punct>\^\^|\|\||&&|!=|<=|>=|[{}()\[\];,.*/+\-=<>!|^?@])
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


class SparqlTextError(ValueError):
    """The text cannot be split into SPARQL tokens (an unterminated string or IRI, a stray character)."""


@dataclass(frozen=True)
class Token:
    """One token: its kind (iri, string, var, pname, word, number, lang, punct, bnode), text and position,
    with the brace depth it sits at (braces themselves carry the depth outside them)."""

    kind: str
    text: str
    start: int
    end: int
    depth: int

    def is_word(self, *words: str) -> bool:
        """True for a keyword (case-insensitive) among `words`."""
        return self.kind == "word" and self.text.upper() in words


def tokenize(text: str) -> Iterator[Token]:
    """The tokens of `text`, without whitespace and comments."""
    position, depth, length = 0, 0, len(text)
    while position < length:
        match = _TOKEN.match(text, position)
        if match is None:
            raise SparqlTextError(f"unexpected character {text[position]!r} at offset {position}")
        kind = match.lastgroup or "punct"
        value = match.group()
        position = match.end()
        if kind in ("ws", "comment"):
            continue
        if value == "}":
            depth -= 1
        yield Token(kind, value, match.start(), match.end(), depth)
        if value == "{":
            depth += 1


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first form keyword outside the prologue (None if absent)."""
    for token in tokenize(text):
        if token.is_word(*QUERY_FORMS):
            return token.text.upper()
    return None


def prefixes(tokens: list[Token]) -> dict[str, str]:
    """PREFIX declarations of the prologue(s), prefix (with its colon) -> namespace IRI."""
    found: dict[str, str] = {}
    for index, token in enumerate(tokens[:-2]):
        if token.is_word("PREFIX") and tokens[index + 1].kind == "pname" and tokens[index + 2].kind == "iri":
            found[tokens[index + 1].text] = tokens[index + 2].text[1:-1]
    return found


def has_dataset_clause(text: str) -> bool:
    """True when a query names its own dataset with FROM / FROM NAMED (outside strings, IRIs, comments)."""
    if "from" not in text.lower():
        return False
    return any(token.is_word("FROM") and token.depth == 0 for token in tokenize(text))


def service_targets(text: str) -> list[str | None]:
    """The endpoint of every SERVICE clause: its IRI (prefixed names expanded), or None when the endpoint is a
    variable or cannot be resolved."""
    if "service" not in text.lower():
        return []
    tokens = list(tokenize(text))
    declared = prefixes(tokens)
    targets: list[str | None] = []
    for index, token in enumerate(tokens):
        if not token.is_word("SERVICE"):
            continue
        following = tokens[index + 1:index + 3]
        if following and following[0].is_word("SILENT"):
            following = following[1:]
        target = following[0] if following else None
        if target is not None and target.kind == "iri":
            targets.append(target.text[1:-1])
        elif target is not None and target.kind == "pname":
            prefix, _, local = target.text.partition(":")
            namespace = declared.get(prefix + ":")
            targets.append(None if namespace is None else namespace + local)
        else:
            targets.append(None)
    return targets


def load_sources(text: str) -> list[str | None]:
    """The source IRI of every LOAD operation in an update (None when it is not a plain IRI)."""
    if "load" not in text.lower():
        return []
    tokens = [t for t in tokenize(text) if t.depth == 0]
    sources: list[str | None] = []
    for index, token in enumerate(tokens):
        if token.is_word("LOAD"):
            following = tokens[index + 1:index + 3]
            if following and following[0].is_word("SILENT"):
                following = following[1:]
            sources.append(following[0].text[1:-1] if following and following[0].kind == "iri" else None)
    return sources


def variables(text: str) -> set[str]:
    """Names of all variables mentioned in `text` (without ? or $)."""
    return {token.text[1:] for token in tokenize(text) if token.kind == "var"}


def where_group_start(text: str) -> int:
    """Offset just after the opening brace of the query's WHERE group, where a VALUES block can be placed.
    Raises SparqlTextError when there is none."""
    tokens = list(tokenize(text))
    form = next((t for t in tokens if t.is_word(*QUERY_FORMS)), None)
    if form is None:
        raise SparqlTextError("no SELECT, ASK, CONSTRUCT or DESCRIBE in the query")
    after_form = [t for t in tokens if t.start > form.start and t.depth == 0]
    where = next((t for t in after_form if t.is_word("WHERE")), None)
    if where is None and form.text.upper() in ("CONSTRUCT", "DESCRIBE"):
        raise SparqlTextError(f"a {form.text.upper()} query needs an explicit WHERE to take parameters")
    anchor = where.start if where is not None else form.start
    brace = next((t for t in after_form if t.start > anchor and t.text == "{"), None)
    if brace is None:
        raise SparqlTextError("the query has no WHERE group")
    return brace.end


# ---------------------------------------------------------------------------------------------- updates


@dataclass(frozen=True)
class Operation:
    """One operation of an update request: its text span and its top-level tokens."""

    start: int
    end: int
    tokens: tuple[Token, ...]

    @property
    def keywords(self) -> list[str]:
        """Top-level keywords in order (upper case)."""
        return [t.text.upper() for t in self.tokens if t.kind == "word" and t.depth == 0]


def split_operations(text: str) -> list[Operation]:
    """The operations of an update request, split at top-level semicolons; each keeps its prologue."""
    operations: list[Operation] = []
    current: list[Token] = []
    start = 0
    for token in tokenize(text):
        if token.text == ";" and token.depth == 0:
            operations.append(Operation(start, token.start, tuple(current)))
            current, start = [], token.end
            continue
        current.append(token)
    if current:
        operations.append(Operation(start, len(text), tuple(current)))
    return operations


class DatasetConflict(ValueError):
    """The protocol gives using-graph-uri/using-named-graph-uri and an operation names its own (USING/WITH)."""


def apply_using(text: str, using: list[str], using_named: list[str]) -> str:
    """The update with the protocol's dataset applied as USING / USING NAMED clauses on every operation that
    has a WHERE pattern (DELETE WHERE shorthand is expanded to DELETE {…} USING … WHERE {…}). Raises
    DatasetConflict when an operation already has USING or WITH."""
    if not using and not using_named:
        return text
    clause = " ".join([f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named]) + " "
    edits: list[tuple[int, int, str]] = []
    for operation in split_operations(text):
        top = [t for t in operation.tokens if t.depth == 0]
        if any(t.is_word("USING", "WITH") for t in top):
            raise DatasetConflict("the update names its own dataset (USING or WITH) and the request also gives "
                                  "using-graph-uri/using-named-graph-uri; use one or the other")
        for index, token in enumerate(top):
            if not token.is_word("WHERE"):
                continue
            previous = top[index - 1] if index else None
            if previous is not None and previous.is_word("DELETE"):
                group_end = _group_end(operation.tokens, token)
                pattern = text[token.end:group_end]
                edits.append((previous.start, group_end, f"DELETE {pattern} {clause}WHERE {pattern}"))
            else:
                edits.append((token.start, token.start, clause))
            break
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _group_end(tokens: tuple[Token, ...], where: Token) -> int:
    """The offset just after the group that follows `where`."""
    after = [t for t in tokens if t.start > where.start]
    if not after or after[0].text != "{":
        raise SparqlTextError("DELETE WHERE must be followed by a group { … }")
    for token in after[1:]:
        if token.text == "}" and token.depth == after[0].depth:
            return token.end
    raise SparqlTextError("unterminated group after DELETE WHERE")
