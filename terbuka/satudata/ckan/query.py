"""A parser for the part of Solr's query syntax CKAN clients send in `q` and `fq`. Pure Python.

Supported: `field:value`, `field:"quoted value"`, `field:*`, ranges `field:[a TO b]` and
`field:{a TO b}` (with `*` for an open end), `field:(a OR b)`, negation by `-` or `NOT`,
explicit `+`/`AND`, `OR` between clauses, parentheses for grouping, and bare words (free text).
The result is a small tree the catalog turns into a database query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


class QueryError(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    field: str  # "" for free text
    value: str = ""
    kind: str = "value"  # value | range | any
    low: str = "*"
    high: str = "*"
    include_low: bool = True
    include_high: bool = True


@dataclass
class Not:
    child: object


@dataclass
class And:
    children: list = field(default_factory=list)


@dataclass
class Or:
    children: list = field(default_factory=list)


TOKEN = re.compile(
    r"""\s*(?:
      (?P<lparen>\()|(?P<rparen>\))
     |(?P<op>AND\b|OR\b|NOT\b|&&|\|\|)
     |(?P<sign>[+-])(?=\S)
     |(?P<field>[A-Za-z_][\w.]*):
     |(?P<range>[\[{][^\]}]*[\]}])
     |"(?P<quoted>(?:[^"\\]|\\.)*)"
     |(?P<word>[^\s()"]+)
    )""",
    re.VERBOSE,
)

RANGE = re.compile(r"^([\[{])\s*(\S+)\s+TO\s+(\S+)\s*([\]}])$")


def _tokens(text: str) -> list[tuple[str, str]]:
    out = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise QueryError(f"Cannot parse the query near: {text[pos:pos + 20]!r}")
        pos = m.end()
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "op":
            value = {"&&": "AND", "||": "OR"}.get(value, value)
        out.append((kind, value))
    return out


class _Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.i = 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def parse(self):
        node = self.or_expr()
        if self.i < len(self.tokens):
            raise QueryError(f"Unexpected {self.tokens[self.i][1]!r} in the query.")
        return node

    def or_expr(self):
        parts = [self.and_expr()]
        while self.peek() == ("op", "OR"):
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else Or(parts)

    def and_expr(self):
        parts = []
        while True:
            kind, value = self.peek()
            if kind is None or kind == "rparen" or (kind, value) == ("op", "OR"):
                break
            if (kind, value) == ("op", "AND"):
                self.take()
                continue
            parts.append(self.unary())
        if not parts:
            raise QueryError("An empty clause in the query.")
        return parts[0] if len(parts) == 1 else And(parts)

    def unary(self):
        kind, value = self.peek()
        if (kind, value) in (("op", "NOT"), ("sign", "-")):
            self.take()
            return Not(self.unary())
        if (kind, value) == ("sign", "+"):
            self.take()
            return self.unary()
        return self.primary()

    def primary(self):
        kind, value = self.take()
        if kind == "lparen":
            node = self.or_expr()
            if self.take()[0] != "rparen":
                raise QueryError("A parenthesis is not closed.")
            return node
        if kind == "field":
            return self.field_value(value)
        if kind == "quoted":
            return Term("", value.replace('\\"', '"'))
        if kind == "word":
            return Term("", value)
        raise QueryError(f"Unexpected {value!r} in the query.")

    def field_value(self, name: str):
        kind, value = self.take()
        if kind == "range":
            m = RANGE.match(value)
            if not m:
                raise QueryError(f"Malformed range {value!r}: use [from TO to].")
            return Term(name, kind="range", low=m.group(2), high=m.group(3),
                        include_low=m.group(1) == "[", include_high=m.group(4) == "]")
        if kind == "quoted":
            return Term(name, value.replace('\\"', '"'))
        if kind == "word":
            if value == "*":
                return Term(name, kind="any")
            return Term(name, value)
        if kind == "lparen":
            node = self.or_expr()
            if self.take()[0] != "rparen":
                raise QueryError("A parenthesis is not closed.")
            return _bind(node, name)
        raise QueryError(f"The field {name!r} has no value.")


def _bind(node, name):
    """field:(a OR b) — give the bare words inside the field name."""
    if isinstance(node, Term):
        return Term(name, node.value, node.kind, node.low, node.high, node.include_low,
                    node.include_high) if not node.field else node
    if isinstance(node, Not):
        return Not(_bind(node.child, name))
    if isinstance(node, And):
        return And([_bind(c, name) for c in node.children])
    return Or([_bind(c, name) for c in node.children])


def parse(text: str):
    """The tree for `text`, or None when it is empty or `*:*`. Raises QueryError."""
    text = (text or "").strip()
    if not text or text == "*:*":
        return None
    return _Parser(_tokens(text.replace("*:*", ""))).parse() if text.replace(
        "*:*", "").strip() else None


def free_text(node) -> tuple[str, object]:
    """Split a top-level AND (or single term) into its free words and the rest. Free text
    inside OR or NOT stays in the tree."""
    if node is None:
        return "", None
    children = node.children if isinstance(node, And) else [node]
    words = [c.value for c in children if isinstance(c, Term) and not c.field]
    rest = [c for c in children if not (isinstance(c, Term) and not c.field)]
    rest_node = None if not rest else rest[0] if len(rest) == 1 else And(rest)
    return " ".join(words), rest_node
