"""What every writer shares (pure): attribute schemas, colours by category, sizes by degree, the timeline of
dated nodes and edges, XML-safe text, and a deterministic layout for tools that need positions."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx

Value = str | int | float | bool

#: One colour per node category (hex); categories not listed get GREY.
CATEGORY_COLOURS: dict[str, str] = {
    "Report": "#4c72b0",
    "Figure": "#dd8452",
    "Event": "#55a868",
    "Person": "#c44e52",
    "Organization": "#8172b3",
    "Country": "#937860",
    "Place": "#da8bc3",
    "Actor": "#ccb974",
    "Resource": "#8c8c8c",
}
#: Edge colours: figure edges by measure, other edges by relation, the rest GREY.
MEASURE_COLOURS: dict[str, str] = {
    "killed": "#d62728",
    "wounded": "#ff7f0e",
    "casualties": "#e377c2",
    "captured": "#9467bd",
    "deployed": "#1f77b4",
    "planned": "#17becf",
    "present": "#2ca02c",
}
GREY = "#8c8c8c"

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True)
class ExportOptions:
    """Writer options: `dynamic` adds time spells (formats that support it)."""

    dynamic: bool = False


def node_colour(attrs: dict[str, Any]) -> str:
    """The hex colour of a node, by category."""
    return CATEGORY_COLOURS.get(str(attrs.get("category", "")), GREY)


def edge_colour(attrs: dict[str, Any]) -> str:
    """The hex colour of an edge: figure edges by measure, others grey."""
    if attrs.get("relation") == "figure":
        return MEASURE_COLOURS.get(str(attrs.get("measure", "")), GREY)
    return GREY


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """"#rrggbb" as (r, g, b)."""
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def node_size(degree: int) -> float:
    """A node size growing with the square root of its degree (10 for an isolated node)."""
    return round(10.0 + 4.0 * math.sqrt(degree), 2)


def edge_thickness(attrs: dict[str, Any]) -> float:
    """Figure edges thicker with the log of their quantity; other edges 1."""
    if attrs.get("relation") == "figure":
        return round(1.0 + math.log10(max(float(attrs.get("weight", 1.0)), 1.0)), 2)
    return 1.0


def kind_of(value: Value) -> str:
    """The writer-neutral type of one value: boolean, long, double or string."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def attribute_kinds(rows: Iterable[dict[str, Any]], skip: Iterable[str] = ()) -> dict[str, str]:
    """Attribute name -> one type for all rows (long+double widen to double, anything mixed to string),
    in first-seen order."""
    skipped = set(skip)
    kinds: dict[str, str] = {}
    for row in rows:
        for name, value in row.items():
            if name in skipped:
                continue
            kind, seen = kind_of(value), kinds.get(name)
            if seen is None or seen == kind:
                kinds[name] = kind
            elif {seen, kind} == {"long", "double"}:
                kinds[name] = "double"
            else:
                kinds[name] = "string"
    return kinds


def as_kind(value: Value, kind: str) -> Value:
    """A value coerced to the column's type (a long in a double column becomes float, anything in a string
    column becomes its text)."""
    if kind == "string":
        return text_of(value)
    if kind == "double" and not isinstance(value, bool):
        return float(value)
    return value


def text_of(value: Value) -> str:
    """A value as text: booleans as true/false, numbers as written, strings unchanged."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def xml_safe(text: str) -> str:
    """Text without the characters XML 1.0 forbids."""
    return _XML_INVALID.sub("", text)


_ATTR_SPECIAL = re.compile('[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')
_TEXT_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _entity(match: re.Match[str]) -> str:
    return _ENTITIES.get(match.group(), "")  # characters XML forbids are dropped


def xml_attr(text: str) -> str:
    """A double-quoted XML attribute value (quotes included), escaped, line breaks kept as references."""
    return '"' + (_ATTR_SPECIAL.sub(_entity, text) if _ATTR_SPECIAL.search(text) else text) + '"'


def xml_text(text: str) -> str:
    """XML element content, escaped."""
    return _TEXT_SPECIAL.sub(_entity, text) if _TEXT_SPECIAL.search(text) else text


def full_date(value: Any) -> str | None:
    """An xsd:date, gYearMonth or gYear string as a full day ("2025-10" -> "2025-10-01"), else None."""
    match = _DATE.match(str(value)) if value is not None else None
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    return f"{year}-{month}-{day}"


_OWN_DATE = ("date", "as_of", "date_published")


def own_date(attrs: dict[str, Any]) -> str | None:
    """The date a node or figure edge is about: an event's date, a figure's as-of, a report's publication."""
    for name in _OWN_DATE:
        if name in attrs:
            found = full_date(attrs[name])
            if found:
                return found
    return None


@dataclass(frozen=True)
class Timeline:
    """When each node and edge appears: dated things at their date, others at their first dated link."""

    nodes: dict[str, str]
    edges: dict[str, str]

    @property
    def span(self) -> tuple[str, str] | None:
        """The first and last date, or None when nothing is dated."""
        dates = [*self.nodes.values(), *self.edges.values()]
        return (min(dates), max(dates)) if dates else None


def timeline(graph: nx.MultiDiGraph) -> Timeline:
    """Start dates: a node's own date, else the earliest date of its edges; an edge's own date (figure edges)
    or its dated end's, never before either end appears."""
    own = {node: date for node, attrs in graph.nodes(data=True) if (date := own_date(attrs))}
    edge_dates: dict[str, str] = {}
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        date = own_date(attrs) or own.get(source) or own.get(target)
        if date:
            edge_dates[key] = date
    starts = dict(own)
    for source, target, key in graph.edges(keys=True):
        date = edge_dates.get(key)
        if date is None:
            continue
        for node in (source, target):
            if node not in own and (node not in starts or date < starts[node]):
                starts[node] = date
    for source, target, key in graph.edges(keys=True):
        if key in edge_dates:
            edge_dates[key] = max(edge_dates[key], starts.get(source, ""), starts.get(target, ""))
    return Timeline(starts, edge_dates)


def degrees(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Degree (in + out) of every node."""
    return dict(graph.degree())


def layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Deterministic starting positions without an O(n²) layout: one ring sector per category, nodes placed
    along a spiral by degree so hubs sit in the middle. Tools re-layout from here."""
    by_category: dict[str, list[str]] = {}
    degree = degrees(graph)
    for node, attrs in graph.nodes(data=True):
        by_category.setdefault(str(attrs.get("category", "Resource")), []).append(node)
    positions: dict[str, tuple[float, float]] = {}
    sectors = sorted(by_category)
    for index, category in enumerate(sectors):
        members = sorted(by_category[category], key=lambda n: (-degree[n], n))
        start = 2 * math.pi * index / len(sectors)
        width = 2 * math.pi / len(sectors)
        for rank, node in enumerate(members):
            radius = 10.0 * math.sqrt(rank + 1)
            angle = start + width * ((rank * 0.618034) % 1.0)
            positions[node] = (round(radius * math.cos(angle), 3), round(radius * math.sin(angle), 3))
    return positions


def chunked(lines: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Join small strings into chunks of about `size` characters (fewer writes)."""
    buffer: list[str] = []
    length = 0
    for line in lines:
        buffer.append(line)
        length += len(line)
        if length >= size:
            yield "".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer)
