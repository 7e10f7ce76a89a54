"""Reads of the catalog: which datasets a user may see, search with filters and facets.

`catalog_search` is the one search used by the portal pages and the CKAN package_search, so
the two never disagree. Filters come as a query tree (ckan/query.py); each field name maps to a
database condition in FILTER_FIELDS.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from terbuka.core import policy
from terbuka.core.models import Opd, Pemda, RoleAssignment
from terbuka.core.policy import Scope
from terbuka.satudata import search
from terbuka.satudata.ckan import query as q_parser
from terbuka.satudata.ckan.convert import org_id, org_name
from terbuka.satudata.models import (
    Dataset,
    Group,
    HakAkses,
    Resource,
    Status,
)

PUBLIC = Q(status=Status.TERBIT, hak_akses=HakAkses.TERBUKA, is_deleted=False)


class SearchError(ValueError):
    """A malformed query or an unknown field (CKAN's Search Query Error)."""


def pemda_ids_with_catalog() -> list[int]:
    return [p.pk for p in Pemda.objects.filter(is_active=True) if p.uses_module("satudata")]


def private_scope(user) -> Q | None:
    """The non-public datasets `user` may see, as a condition; None for none."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Q()
    allow = policy.actions()["satudata.dataset.view_private"].allow
    cond = Q(pk__in=[])
    found = False
    for a in RoleAssignment.objects.filter(user=user, is_active=True, pemda__is_active=True):
        scope = allow.get(a.role)
        if scope is Scope.PEMDA:
            cond |= Q(pemda_id=a.pemda_id)
            found = True
        elif scope is Scope.OPD and a.opd_id:
            cond |= Q(pemda_id=a.pemda_id, owner_org_id=a.opd_id)
            found = True
    return cond if found else None


def visible_datasets(*, user=None, pemda: Pemda | None = None,
                     include_private: bool = False, include_deleted: bool = False
                     ) -> QuerySet[Dataset]:
    qs = Dataset.objects.all()
    qs = qs.filter(pemda=pemda) if pemda is not None else qs.filter(
        pemda_id__in=pemda_ids_with_catalog())
    visible = PUBLIC
    if include_private:
        scope = private_scope(user)
        if scope is not None:
            visible = visible | (scope & Q(is_deleted=False))
            if include_deleted:
                visible = visible | scope
    return qs.filter(visible)


def dataset_by_id_or_name(value: str, *, pemda: Pemda | None = None) -> Dataset | None:
    qs = Dataset.objects.select_related("pemda", "owner_org", "owner_org__pemda", "license",
                                        "walidata", "harvest_source")
    if pemda is not None:
        qs = qs.filter(pemda=pemda)
    value = str(value or "").strip()
    if not value:
        return None
    if re.fullmatch(r"[0-9a-fA-F-]{32,36}", value):
        found = qs.filter(uuid=value).first()
        if found:
            return found
    return qs.filter(name=value).first()


# --- filters -------------------------------------------------------------------------------------


def _parse_time(value: str, *, end: bool = False) -> datetime.datetime | None:
    """Solr date syntax: ISO date or datetime, `*`, NOW, NOW-7DAYS, NOW/DAY."""
    if value == "*":
        return None
    text = value.strip().upper()
    if text.startswith("NOW"):
        now = timezone.now()
        m = re.fullmatch(r"NOW(?:/DAY)?(?:([+-])(\d+)"
                         r"(DAY|DAYS|MONTH|MONTHS|YEAR|YEARS|HOUR|HOURS))?(?:/DAY)?", text)
        if not m:
            raise SearchError(_("Cannot read the date “%(value)s”.") % {"value": value})
        if m.group(1):
            n = int(m.group(2)) * (-1 if m.group(1) == "-" else 1)
            unit = m.group(3).rstrip("S")
            days = {"DAY": 1, "MONTH": 30, "YEAR": 365}.get(unit)
            now += datetime.timedelta(days=n * days) if days else datetime.timedelta(hours=n)
        return now
    parsed = parse_datetime(value.replace("Z", "+00:00")) if "T" in value else None
    if parsed is None:
        day = parse_date(value[:10]) if len(value) >= 10 else None
        if day is None:
            raise SearchError(_("Cannot read the date “%(value)s”.") % {"value": value})
        parsed = datetime.datetime.combine(day, datetime.time.max if end else datetime.time.min)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    return parsed


def _int(value: str) -> int | None:
    if value == "*":
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise SearchError(_("“%(value)s” is not a number.") % {"value": value}) from exc


def _org_ids(value: str) -> list[int]:
    """OPD ids for an organisation name (<pemda slug>-<acronym or name>), id or number. Only
    the named pemda's OPD are compared, so the lookup stays small however many pemda there are."""
    if value.isdigit():
        return [int(value)]
    opds = Opd.objects.select_related("pemda").filter(is_active=True)
    if not re.fullmatch(r"[0-9a-fA-F-]{36}", value):
        slugs = [value[:i] for i, ch in enumerate(value) if ch == "-"]
        opds = opds.filter(pemda__slug__in=slugs)
    return [o.pk for o in opds if value in (org_name(o), org_id(o))]


def _value_q(name: str, value: str) -> Q:
    """The condition for `name:value`."""
    simple = {
        "name": "name", "license_id": "license_id", "tema": "tema", "frekuensi": "frekuensi",
        "hak_akses": "hak_akses", "jenis": "jenis", "jenis_publisher": "jenis_publisher",
        "kode_daftar_data": "kode_daftar_data", "kode_standar_data": "kode_standar_data",
        "satuan": "satuan", "status": "status", "pemda": "pemda__slug",
        "remote_id": "remote_id",
    }
    if name in simple:
        return Q(**{simple[name]: value})
    if name == "id":
        if not re.fullmatch(r"[0-9a-fA-F-]{32,36}", value):
            return Q(pk__in=[])
        return Q(uuid=value)
    if name in ("tags", "tag"):
        return Q(tags__name=value.lower())
    if name in ("organization", "owner_org"):
        return Q(owner_org_id__in=_org_ids(value))
    if name in ("groups", "group"):
        return Q(groups__name=value) | (Q(groups__uuid=value) if re.fullmatch(
            r"[0-9a-fA-F-]{36}", value) else Q(pk__in=[]))
    if name in ("res_format", "format"):
        return Q(resources__format__iexact=value)
    if name in ("tahun", "tahun_prioritas"):
        return Q(**{name: _int(value)})
    if name in ("wilayah", "cakupan_wilayah"):
        return Q(cakupan_wilayah__code=value)
    if name in ("title", "notes", "text"):
        words = search.textsearch.stems(value)
        cond = Q()
        for w in words:
            cond &= Q(search_text__contains=w)
        return cond
    if name in ("metadata_modified", "metadata_created"):
        moment = _parse_time(value)
        return Q(**{name: moment})
    if name in ("harvest_source", "harvest_source_url"):
        return Q(harvest_source__url=value)
    if name in ("state",):
        return Q(is_deleted=value == "deleted")
    raise SearchError(_("Unknown search field “%(field)s”.") % {"field": name})


RANGE_FIELDS = {"metadata_modified": "time", "metadata_created": "time", "tahun": "int",
                "tahun_prioritas": "int", "periode_awal": "date", "periode_akhir": "date"}


def _range_q(term: q_parser.Term) -> Q:
    kind = RANGE_FIELDS.get(term.field)
    if kind is None:
        raise SearchError(_("The field “%(field)s” has no ranges.") % {"field": term.field})
    if kind == "int":
        low, high = _int(term.low), _int(term.high)
    elif kind == "date":
        low = _parse_time(term.low)
        high = _parse_time(term.high, end=True)
        low = low.date() if low else None
        high = high.date() if high else None
    else:
        low, high = _parse_time(term.low), _parse_time(term.high, end=True)
    cond = Q()
    if low is not None:
        cond &= Q(**{f"{term.field}__{'gte' if term.include_low else 'gt'}": low})
    if high is not None:
        cond &= Q(**{f"{term.field}__{'lte' if term.include_high else 'lt'}": high})
    return cond


def _any_q(name: str) -> Q:
    if name in ("tags",):
        return Q(tags__isnull=False)
    if name in ("organization", "owner_org"):
        return Q(owner_org__isnull=False)
    if name in ("res_format",):
        return Q(resources__isnull=False)
    if name in RANGE_FIELDS:
        return Q(**{f"{name}__isnull": False})
    _value_q(name, "x")  # raises for unknown fields
    return ~Q(**{name: ""})


def _tree_q(node) -> tuple[Q, str]:
    """(condition, free text) for a query tree. Free text under OR/NOT becomes a condition on
    the stemmed words; at top level it is returned to be ranked."""
    if isinstance(node, q_parser.Term):
        if not node.field:
            words = search.textsearch.query_terms(node.value)
            cond = Q()
            for group in words:
                alt = Q()
                for w in group:
                    alt |= Q(search_text__regex=rf"(^| ){re.escape(w)}( |$)")
                cond &= alt
            return cond, ""
        if node.kind == "range":
            return _range_q(node), ""
        if node.kind == "any":
            return _any_q(node.field), ""
        return _value_q(node.field, node.value), ""
    if isinstance(node, q_parser.Not):
        inner, _ = _tree_q(node.child)
        # Negating a join condition must exclude datasets with any matching row.
        return ~Q(pk__in=Dataset.objects.filter(inner).values("pk")), ""
    if isinstance(node, q_parser.And):
        cond = Q()
        for child in node.children:
            cond &= Q(pk__in=Dataset.objects.filter(_tree_q(child)[0]).values("pk")) if \
                _is_join(child) else _tree_q(child)[0]
        return cond, ""
    cond = Q(pk__in=[])
    for child in node.children:
        cond |= _tree_q(child)[0]
    return Q(pk__in=Dataset.objects.filter(cond).values("pk")), ""


JOIN_FIELDS = {"tags", "tag", "groups", "group", "res_format", "format", "wilayah",
               "cakupan_wilayah"}


def _is_join(node) -> bool:
    return isinstance(node, q_parser.Term) and node.field in JOIN_FIELDS


def _apply_tree(qs: QuerySet, node) -> QuerySet:
    """AND clauses on multi-valued fields are applied one filter() each, so tags:a tags:b
    means a dataset with both tags (not one tag that is both)."""
    if node is None:
        return qs
    children = node.children if isinstance(node, q_parser.And) else [node]
    for child in children:
        qs = qs.filter(_tree_q(child)[0])
    return qs


def parse_query(text: str):
    try:
        return q_parser.parse(text)
    except q_parser.QueryError as exc:
        raise SearchError(str(exc)) from exc


# --- facets --------------------------------------------------------------------------------------

FACET_FIELDS = ("organization", "groups", "tags", "res_format", "license_id", "tema",
                "frekuensi", "tahun", "wilayah", "jenis", "hak_akses", "pemda",
                "jenis_publisher")


def facet_counts(ids_qs: QuerySet, name: str, limit: int) -> list[tuple[str, str, int]]:
    """[(value, display name, count)] for facet `name` over the datasets in `ids_qs`, most
    frequent first."""
    ids = ids_qs.order_by().values("pk")
    if name == "organization":
        rows = (Dataset.objects.filter(pk__in=ids, owner_org__isnull=False).order_by()
                .values("owner_org").annotate(n=Count("pk")).order_by("-n", "owner_org"))
        rows = list(rows[:limit] if limit >= 0 else rows)
        opds = {o.pk: o for o in Opd.objects.select_related("pemda").filter(
            pk__in=[r["owner_org"] for r in rows])}
        return [(org_name(opds[r["owner_org"]]), opds[r["owner_org"]].name, r["n"])
                for r in rows]
    if name in ("tags", "groups", "wilayah"):
        through = {"tags": Dataset.tags.through, "groups": Dataset.groups.through,
                   "wilayah": Dataset.cakupan_wilayah.through}[name]
        key = {"tags": "tag__name", "groups": "group__name", "wilayah": "region_id"}[name]
        rows = (through.objects.filter(dataset_id__in=ids).order_by().values(key)
                .annotate(n=Count("dataset_id")).order_by("-n", key))
        rows = list(rows[:limit] if limit >= 0 else rows)
        labels: dict[str, str] = {}
        if name == "groups":
            labels = dict(Group.objects.filter(name__in=[r[key] for r in rows])
                          .values_list("name", "title"))
        if name == "wilayah":
            from terbuka.core.models import Region

            labels = dict(Region.objects.filter(code__in=[r[key] for r in rows])
                          .values_list("code", "name"))
        return [(r[key], labels.get(r[key], r[key]), r["n"]) for r in rows]
    if name == "res_format":
        rows = (Resource.objects.filter(dataset_id__in=ids).exclude(format="").order_by()
                .values("format").annotate(n=Count("dataset_id", distinct=True))
                .order_by("-n", "format"))
        rows = list(rows[:limit] if limit >= 0 else rows)
        return [(r["format"], r["format"], r["n"]) for r in rows]
    column = {"pemda": "pemda__slug"}.get(name, name)
    if name not in FACET_FIELDS:
        raise SearchError(_("Unknown facet field “%(field)s”.") % {"field": name})
    rows = (Dataset.objects.filter(pk__in=ids).exclude(**{f"{column}__isnull": True})
            .order_by().values(column).annotate(n=Count("pk")).order_by("-n", column))
    rows = [r for r in (rows[:limit + 1] if limit >= 0 else rows) if r[column] != ""][
        :limit if limit >= 0 else None]
    display = {}
    field_choices = {"frekuensi", "jenis", "hak_akses", "jenis_publisher"}
    if name in field_choices:
        display = dict(Dataset._meta.get_field(name).choices)
    if name == "license_id":
        from terbuka.satudata.models import License

        display = dict(License.objects.values_list("id", "title"))
    return [(str(r[column]), str(display.get(r[column], r[column])), r["n"]) for r in rows]


# --- the search ----------------------------------------------------------------------------------

SORT_FIELDS = {
    "metadata_modified": "metadata_modified", "metadata_created": "metadata_created",
    "name": "name", "title": "title", "title_string": "title", "id": "uuid",
    "score": "relevance", "tahun": "tahun",
}


# Above this many matches, facets run over the filtering query rather than a list of ids.
MAX_ID_LIST = 2_000


@dataclass
class SearchResult:
    count: int
    datasets: list[Dataset]
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)


def _order(sort: str, ranked: bool) -> list[str]:
    if not sort:
        return (["-relevance"] if ranked else []) + ["-metadata_modified", "-id"]
    out = []
    for part in sort.split(","):
        bits = part.strip().split()
        if not bits:
            continue
        if len(bits) > 2 or bits[0] not in SORT_FIELDS or (
                len(bits) == 2 and bits[1].lower() not in ("asc", "desc")):
            raise SearchError(_("Cannot sort by “%(sort)s”.") % {"sort": part.strip()})
        column = SORT_FIELDS[bits[0]]
        if column == "relevance" and not ranked:
            continue
        desc = len(bits) == 2 and bits[1].lower() == "desc"
        out.append(("-" if desc else "") + column)
    return out + ["id"]


def catalog_search(
    *, user=None, pemda: Pemda | None = None, q: str = "", fq: str | list[str] = "",
    sort: str = "", rows: int = 10, start: int = 0, facet_fields: tuple[str, ...] = (),
    facet_limit: int = 50, include_private: bool = False, include_drafts: bool = False,
) -> SearchResult:
    qs = visible_datasets(user=user, pemda=pemda,
                          include_private=include_private or include_drafts)
    text, q_tree = q_parser.free_text(parse_query(q))
    qs = _apply_tree(qs, q_tree)
    for item in [fq] if isinstance(fq, str) else fq:
        qs = _apply_tree(qs, parse_query(item))
    ranked = False
    if text.strip():
        matched = search.matching(qs, text)
        if matched is not None:
            qs, ranked = matched, True
    # One query runs the filters and the text match; counting, facets and the default
    # orderings then work from its (id, modified) pairs instead of running them again.
    pairs = list(qs.order_by().values_list("id", "metadata_modified").distinct())
    count = len(pairs)
    ids = [p[0] for p in pairs]
    scope = Dataset.objects.filter(pk__in=ids) if count <= MAX_ID_LIST else qs
    facets = {name: facet_counts(scope, name, facet_limit) for name in facet_fields}
    order = _order(sort, ranked)
    if rows <= 0 or start >= count:
        return SearchResult(count=count, datasets=[], facets=facets)
    if ranked and order[0] == "-relevance":
        page_ids = search.ranked_ids(pairs, text, start, rows)
    elif order == ["-metadata_modified", "-id"]:
        pairs.sort(key=lambda p: (p[1], p[0]), reverse=True)
        page_ids = [p[0] for p in pairs[start:start + rows]]
    else:
        page_ids = list(scope.order_by(*[o for o in order if o.lstrip("-") != "relevance"])
                        .values_list("id", flat=True)[start:start + rows])
    position = {pk: i for i, pk in enumerate(page_ids)}
    page = sorted(
        Dataset.objects.filter(pk__in=page_ids)
        .select_related("pemda", "owner_org", "owner_org__pemda", "license", "walidata",
                        "harvest_source")
        .prefetch_related("tags", "groups", "resources", "cakupan_wilayah"),
        key=lambda d: position[d.pk])
    return SearchResult(count=count, datasets=page, facets=facets)


def facet_value_label(name: str, value: str) -> str:
    return value


def catalog_counts(pemda: Pemda) -> dict[str, Any]:
    public = Dataset.objects.filter(PUBLIC, pemda=pemda)
    return {
        "datasets": public.count(),
        "organizations": public.exclude(owner_org=None).values("owner_org").distinct().count(),
        "resources": Resource.objects.filter(dataset__in=public).count(),
    }
