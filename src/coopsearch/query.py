"""The query language and the search request shared by the CLI and the web.

Syntax (documented in README.md):
  words            all required, any inflected form (falls back to any-word ranking)
  "a phrase"       words in this order, any inflected forms
  =word, ="a b"    exact surface form(s)
  -word, -"a b"    exclude documents
  a OR b           either (also ИЛИ); parentheses group: (a OR b) c
  company:X region:X country:X sector:X   facet filters (quote values with spaces)
  date:2019-01..2019-06, date:2019, date:..2020-03-15
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .schema import FACETS

MAX_QUERY_CHARS = 2000
MAX_TERMS = 64
MAX_DEPTH = 16  # nested parentheses
MAX_LIMIT = 1000
MAX_OFFSET = 10_000
SORTS = ("relevance", "date")
_QUOTES = {'"': '"', "«": "»", "“": "”", "„": "“"}
_FIELDS = (*FACETS, "date")
_OR_WORDS = ("OR", "ИЛИ", "|")
_DATE_PART = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class QueryError(ValueError):
    """A malformed query or request parameter; the message is shown to the user."""


# --- query AST -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """Free words: each matches any inflected form."""

    text: str


@dataclass(frozen=True)
class Phrase:
    """Words in order; `exact` matches surface forms instead of lemmas."""

    text: str
    exact: bool = False


@dataclass(frozen=True)
class FacetFilter:
    """Documents having a facet value that matches `value`."""

    facet: str
    value: str


@dataclass(frozen=True)
class DateRange:
    """Documents dated within [start, end] (ISO dates; empty = open end)."""

    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class Not:
    """Exclude documents matching the child."""

    child: Node


@dataclass(frozen=True)
class All:
    """All children required (the default between terms)."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Any_:
    """At least one child (OR)."""

    children: tuple[Node, ...]


Node = Words | Phrase | FacetFilter | DateRange | Not | All | Any_


# --- lexer ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lex:
    kind: str  # WORD, PHRASE, LPAREN, RPAREN, OR
    text: str = ""
    negated: bool = False
    exact: bool = False
    field: str = ""
    at: int = 0


def _lex(q: str) -> list[_Lex]:
    out: list[_Lex] = []
    i, n = 0, len(q)
    while i < n:
        c = q[i]
        if c.isspace():
            i += 1
            continue
        start = i
        if c in "()":
            out.append(_Lex("LPAREN" if c == "(" else "RPAREN", at=i))
            i += 1
            continue
        negated = exact = False
        if c in "-+" and i + 1 < n and not q[i + 1].isspace():
            negated = c == "-"
            i += 1
            if q[i] == "(":
                out.append(_Lex("LPAREN", negated=negated, at=i))
                i += 1
                continue
        if q[i] == "=" and i + 1 < n and not q[i + 1].isspace():
            exact = True
            i += 1
        m = re.match(r"([a-zA-Z]+):", q[i:])
        fld = ""
        if m and m.group(1).lower() in _FIELDS:
            fld = m.group(1).lower()
            i += m.end()
            if i >= n or q[i].isspace() or q[i] in "()":
                raise QueryError(f"{fld}: at position {start + 1} needs a value, e.g. {fld}:\"...\"")
        if q[i] in _QUOTES:
            close = q.find(_QUOTES[q[i]], i + 1)
            if close < 0:
                raise QueryError(f"unbalanced quote at position {i + 1}: close the phrase with {_QUOTES[q[i]]}")
            out.append(_Lex("PHRASE", q[i + 1 : close], negated, exact, fld, start))
            i = close + 1
            continue
        j = i
        while j < n and not q[j].isspace() and q[j] not in "()" and q[j] not in _QUOTES:
            j += 1
        text = q[i:j]
        i = j
        if text in _OR_WORDS and not (negated or exact or fld):
            out.append(_Lex("OR", text, at=start))
        else:
            out.append(_Lex("WORD", text, negated, exact, fld, start))
    return out


# --- parser ---------------------------------------------------------------------------------


class _Parser:
    """Recursive descent: sequence := chain*; chain := atom (OR atom)*; atom := term | ( sequence )."""

    def __init__(self, tokens: list[_Lex]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> _Lex | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def sequence(self, top: bool) -> Node:
        chains: list[Node] = []
        while (tok := self.peek()) is not None:
            if tok.kind == "RPAREN":
                if top:
                    raise QueryError(f"unbalanced parenthesis at position {tok.at + 1}: no matching (")
                break
            if tok.kind == "OR":
                raise QueryError(f"{tok.text} at position {tok.at + 1} needs a term on both sides")
            node = self.chain()
            if node is not None:
                chains.append(node)
        return chains[0] if len(chains) == 1 else All(tuple(chains))

    def chain(self) -> Node | None:
        """OR binds tighter than the implicit AND: «a OR b c» is «(a OR b) c»."""
        alts = [self.atom()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.i += 1
            nxt = self.peek()
            if nxt is None or nxt.kind in ("OR", "RPAREN"):
                raise QueryError(f"{tok.text} at position {tok.at + 1} needs a term on both sides")
            alts.append(self.atom())
        kept = [a for a in alts if a is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Any_(tuple(kept))

    def atom(self) -> Node | None:
        tok = self.tokens[self.i]
        self.i += 1
        if tok.kind == "LPAREN":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"parentheses nested too deeply at position {tok.at + 1} (at most {MAX_DEPTH} levels)")
            inner = self.sequence(top=False)
            self.depth -= 1
            closing = self.peek()
            if closing is None or closing.kind != "RPAREN":
                raise QueryError(f"unbalanced parenthesis at position {tok.at + 1}: add a closing )")
            self.i += 1
            return Not(inner) if tok.negated else inner
        node = _term(tok)
        if node is None:
            return None
        return Not(node) if tok.negated else node


def _term(tok: _Lex) -> Node | None:
    text = tok.text.strip()
    if tok.field:
        if not text:
            raise QueryError(f"{tok.field}: needs a value")
        if tok.field == "date":
            start, end = parse_date_range(text)
            return DateRange(start, end)
        return FacetFilter(tok.field, text)
    if tok.kind == "PHRASE":
        return Phrase(text, tok.exact) if text else None
    text = text.replace("*", "").replace("?", "")
    if not any(ch.isalnum() for ch in text):
        return None
    return Phrase(text, exact=True) if tok.exact else Words(text)


def parse_query(q: str) -> Node:
    """Parse a query string into a tree; raise QueryError with a clear message if malformed."""
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long: {len(q)} characters (at most {MAX_QUERY_CHARS})")
    if any(ord(c) < 32 and c not in "\t\n\r" for c in q):
        q = "".join(c if ord(c) >= 32 or c in "\t\n\r" else " " for c in q)
    tokens = _lex(q)
    if sum(1 for t in tokens if t.kind in ("WORD", "PHRASE")) > MAX_TERMS:
        raise QueryError(f"too many terms (at most {MAX_TERMS})")
    return _Parser(tokens).sequence(top=True)


# --- dates ----------------------------------------------------------------------------------


def _bounded(name: str, value: str) -> str:
    """A free-text parameter, stripped; QueryError when longer than MAX_QUERY_CHARS."""
    if len(value) > MAX_QUERY_CHARS:
        raise QueryError(f"{name} too long: {len(value)} characters (at most {MAX_QUERY_CHARS})")
    return value.strip()


def _date_bound(text: str, end: bool) -> str:
    m = _DATE_PART.match(text)
    if not m:
        raise QueryError(f"bad date {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m.group(1))
    month = int(m.group(2) or (12 if end else 1))
    try:
        if m.group(3):
            day = int(m.group(3))
        else:
            day = calendar.monthrange(year, month)[1] if end else 1
        return date(year, month, day).isoformat()
    except (ValueError, calendar.IllegalMonthError):
        raise QueryError(f"bad date {text!r}: no such day") from None


def parse_date_range(text: str) -> tuple[str, str]:
    """'2019-01..2019-06' / '2019' / '..2020-03' → (first day, last day) as ISO dates."""
    if ".." in text:
        left, right = text.split("..", 1)
    else:
        left = right = text
    start = _date_bound(left.strip(), end=False) if left.strip() else ""
    end = _date_bound(right.strip(), end=True) if right.strip() else ""
    if start and end and start > end:
        raise QueryError(f"empty date range {text!r}: the start is after the end")
    return start, end


# --- the request ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchRequest:
    """Everything a search needs; built from CLI options or URL parameters by the same code."""

    q: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: str = ""
    date_to: str = ""
    sort: str = "relevance"
    limit: int = 10
    offset: int = 0
    facet_limit: int = 20
    group: str = ""  # only the documents of this near-duplicate group, not collapsed
    collapse: bool = True  # one hit per near-duplicate group

    @property
    def tree(self) -> Node:
        """The parsed query."""
        return parse_query(self.q)


def parse_int(name: str, raw: object, low: int, high: int, default: int) -> int:
    """An integer parameter within [low, high]; QueryError naming the parameter otherwise."""
    if raw in (None, ""):
        return default
    try:
        value = int(str(raw))
    except ValueError:
        raise QueryError(f"{name} must be an integer, got {raw!r}") from None
    if not low <= value <= high:
        raise QueryError(f"{name} must be between {low} and {high}, got {value}")
    return value


def build_request(
    q: str = "",
    filters: Mapping[str, Sequence[str]] | None = None,
    date_from: str = "",
    date_to: str = "",
    sort: str = "",
    limit: object = None,
    offset: object = None,
    facet_limit: object = None,
    group: str = "",
    collapse: object = None,
) -> SearchRequest:
    """Validate parameters into a SearchRequest; raise QueryError naming the bad parameter."""
    clean: dict[str, tuple[str, ...]] = {}
    for name, values in (filters or {}).items():
        if name not in FACETS:
            raise QueryError(f"unknown facet {name!r} (known: {', '.join(FACETS)})")
        vals = tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))
        if vals:
            clean[name] = vals
    start = _date_bound(date_from.strip(), end=False) if date_from and date_from.strip() else ""
    end = _date_bound(date_to.strip(), end=True) if date_to and date_to.strip() else ""
    if start and end and start > end:
        raise QueryError(f"empty date range: from {start} is after to {end}")
    sort = sort or "relevance"
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}, got {sort!r}")
    request = SearchRequest(
        q=q or "",
        filters=clean,
        date_from=start,
        date_to=end,
        sort=sort,
        limit=parse_int("limit", limit, 0, MAX_LIMIT, 10),
        offset=parse_int("offset", offset, 0, MAX_OFFSET, 0),
        facet_limit=parse_int("facet_limit", facet_limit, 1, 1000, 20),
        group=_bounded("group", group or ""),
        collapse=bool(parse_int("collapse", collapse, 0, 1, 1)),
    )
    request.tree  # validate the query now: errors surface before any search work
    return request
