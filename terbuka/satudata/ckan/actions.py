"""The catalog's CKAN actions. Each parses CKAN's data_dict, calls one selector or service and
shapes the answer as CKAN 2.10 does. Registered on import (see registry.py)."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from terbuka.core.models import Opd
from terbuka.satudata import selectors, services
from terbuka.satudata.ckan import errors
from terbuka.satudata.ckan.convert import (
    group_dict,
    license_dict,
    org_id,
    org_name,
    organization_dict,
    package_dict,
    resource_dict,
)
from terbuka.satudata.ckan.registry import Context, action
from terbuka.satudata.models import Dataset, Group, License, Resource, Tag

CKAN_VERSION = "2.10.4"
MAX_ROWS = 1000


def _int_param(data: dict, name: str, default: int, *, low: int = 0,
               high: int | None = None) -> int:
    value = data.get(name, default)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise errors.ValidationError({name: [_("Invalid integer")]}) from exc
    if number < low:
        raise errors.ValidationError({name: [_("Must be a natural number")]})
    if high is not None and number > high:
        raise errors.ValidationError(
            {name: [_("Must be less than or equal to %(n)d") % {"n": high}]})
    return number


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    return bool(value)


def _list_param(data: dict, name: str) -> list:
    value = data.get(name)
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = value.split(",")
        return parsed if isinstance(parsed, list) else [parsed]
    raise errors.ValidationError({name: [_("Expected a list.")]})


def _id(data: dict, key: str = "id") -> str:
    value = data.get(key)
    if isinstance(value, list):
        value = value[0] if value else ""
    if not value or not isinstance(value, str | int):
        raise errors.ValidationError({key: [_("Missing value")]})
    return str(value)


def _dataset(ctx: Context, value: str) -> Dataset:
    dataset = selectors.dataset_by_id_or_name(value, pemda=ctx.pemda)
    if dataset is None or not services.can_view(ctx.user, dataset):
        raise errors.NotFound(_("Not found"))
    if not dataset.pemda.uses_module("satudata") or not dataset.pemda.is_active:
        raise errors.NotFound(_("Not found"))
    return dataset


def _site_url(ctx: Context) -> str:
    base = ctx.request.build_absolute_uri("/")
    return base + ctx.pemda.slug if ctx.pemda else base.rstrip("/")


# --- site ----------------------------------------------------------------------------------------


@action(side_effect_free=True)
def status_show(ctx: Context, data: dict) -> dict:
    return {
        "ckan_version": CKAN_VERSION, "site_url": _site_url(ctx),
        "site_title": (f"Satu Data {ctx.pemda.name}" if ctx.pemda else "Satu Data · Terbuka"),
        "site_description": _("Open data of regional governments (Satu Data Indonesia)."),
        "locale_default": "id", "extensions": ["terbuka", "satudata", "dcat"],
    }


@action(side_effect_free=True)
def site_read(ctx: Context, data: dict) -> bool:
    return True


@action(side_effect_free=True)
def help_show(ctx: Context, data: dict) -> str:
    from terbuka.satudata.ckan.registry import get_action

    fn = get_action(str(data.get("name", "")))
    if fn is None:
        raise errors.NotFound(_("Action function not found"))
    return (fn.__doc__ or "").strip()


# --- packages ------------------------------------------------------------------------------------


@action(side_effect_free=True)
def package_list(ctx: Context, data: dict) -> list[str]:
    """The names of public datasets, by name; `limit` and `offset` page it."""
    qs = selectors.visible_datasets(pemda=ctx.pemda).order_by("name").values_list(
        "name", flat=True)
    limit = data.get("limit")
    offset = _int_param(data, "offset", 0)
    if limit not in (None, ""):
        limit = _int_param(data, "limit", 0)
        return list(qs[offset:offset + limit])
    return list(qs[offset:])


@action(side_effect_free=True)
def current_package_list_with_resources(ctx: Context, data: dict) -> list[dict]:
    limit = _int_param(data, "limit", 10, high=MAX_ROWS)
    offset = _int_param(data, "offset", 0)
    result = selectors.catalog_search(pemda=ctx.pemda, rows=limit, start=offset)
    return [package_dict(d, request=ctx.request) for d in result.datasets]


@action(side_effect_free=True)
def package_show(ctx: Context, data: dict) -> dict:
    """One dataset by id or name, with its resources."""
    dataset = _dataset(ctx, _id(data))
    return package_dict(dataset, request=ctx.request)


@action(side_effect_free=True)
def package_search(ctx: Context, data: dict) -> dict:
    """Search datasets: q, fq (and fq_list), sort, rows (≤ 1000), start, facet.field,
    facet.limit, include_private, include_drafts."""
    rows = _int_param(data, "rows", 10, high=MAX_ROWS)
    start = _int_param(data, "start", 0)
    facet_fields = [str(f) for f in _list_param(data, "facet.field")]
    facet_limit = _int_param(data, "facet.limit", 50, low=-1)
    if not _bool(data.get("facet", "true")):
        facet_fields = []
    unknown = [f for f in facet_fields if f not in selectors.FACET_FIELDS]
    if unknown:
        raise errors.SearchQueryError(_("Unknown facet field “%(field)s”.")
                                      % {"field": unknown[0]})
    fq = data.get("fq") or ""
    fq_list = [fq] if isinstance(fq, str) else list(fq)
    fq_list += [str(x) for x in _list_param(data, "fq_list")]
    q = data.get("q") or ""
    if not isinstance(q, str):
        raise errors.ValidationError({"q": [_("Expected text.")]})
    try:
        result = selectors.catalog_search(
            user=ctx.user, pemda=ctx.pemda, q=q, fq=fq_list, sort=str(data.get("sort") or ""),
            rows=rows, start=start, facet_fields=tuple(facet_fields), facet_limit=facet_limit,
            include_private=_bool(data.get("include_private", False)),
            include_drafts=_bool(data.get("include_drafts", False)),
        )
    except selectors.SearchError as exc:
        raise errors.SearchQueryError(str(exc)) from exc
    facets = {name: {value: n for value, _label, n in items}
              for name, items in result.facets.items()}
    search_facets = {
        name: {"title": name, "items": [{"name": value, "display_name": label, "count": n}
                                        for value, label, n in items]}
        for name, items in result.facets.items()
    }
    return {
        "count": result.count, "sort": data.get("sort") or "score desc, metadata_modified desc",
        "results": [package_dict(d, request=ctx.request) for d in result.datasets],
        "facets": facets, "search_facets": search_facets,
    }


def _write_user(ctx: Context):
    if ctx.user is None:
        raise errors.NotAuthorized(_("An API token is required for this action."))
    return ctx.user


def _ckan_input(data: dict) -> dict:
    """CKAN's input shape to service keyword arguments: extras as a list of {key, value}, tags
    as dicts, CKAN-only keys dropped."""
    data = dict(data)
    for key in ("id", "type", "state", "private", "metadata_created", "metadata_modified",
                "organization", "num_tags", "num_resources", "license_title", "license_url",
                "isopen", "relationships_as_object", "relationships_as_subject",
                "creator_user_id", "revision_id", "pemda", "status",
                "harvest_source_url", "harvest_remote_id", "harvest_remote_url",
                "harvest_remote_org"):
        data.pop(key, None)
    extras = data.get("extras")
    if isinstance(extras, list):
        try:
            data["extras"] = {str(e["key"]): e.get("value", "") for e in extras}
        except (TypeError, KeyError) as exc:
            raise errors.ValidationError({"extras": [_("Expected a list of {key, value}.")]}) \
                from exc
    if "tags" in data and isinstance(data["tags"], str):
        data["tags"] = [t.strip() for t in data["tags"].split(",") if t.strip()]
    if isinstance(data.get("walidata"), str) and not data["walidata"]:
        data["walidata"] = None
    return data


def _pemda_for_write(ctx: Context, data: dict):
    """Under /<pemda>/ the pemda is the path's; at the root it follows owner_org."""
    if ctx.pemda is not None:
        return ctx.pemda
    owner = data.get("owner_org")
    opd = services.opd_resolve(None, owner) if owner else None
    if opd is None:
        raise errors.ValidationError({"owner_org": [_(
            "An organisation is required at the installation-wide API.")]})
    return opd.pemda


@action()
def package_create(ctx: Context, data: dict) -> dict:
    """Create a dataset (in draft: the walidata publishes it). Needs an API token."""
    user = _write_user(ctx)
    clean = _ckan_input(data)
    pemda = _pemda_for_write(ctx, clean)
    dataset = services.dataset_create(actor=user, pemda=pemda, request=ctx.request, **clean)
    return package_dict(Dataset.objects.get(pk=dataset.pk), request=ctx.request)


def _dataset_for_write(ctx: Context, data: dict) -> Dataset:
    _write_user(ctx)
    key = data.get("id") or data.get("name")
    if not key:
        raise errors.ValidationError({"id": [_("Missing value")]})
    dataset = selectors.dataset_by_id_or_name(str(key), pemda=ctx.pemda)
    if dataset is None or not services.can_view(ctx.user, dataset):
        raise errors.NotFound(_("Not found"))
    return dataset


@action()
def package_update(ctx: Context, data: dict) -> dict:
    """Replace a dataset's metadata (fields not sent are cleared, resources not sent removed)."""
    dataset = _dataset_for_write(ctx, data)
    clean = _ckan_input(data)
    if clean.get("name") == dataset.name:
        clean.pop("name")
    services.dataset_update(actor=ctx.user, dataset=dataset, data=clean, replace=True,
                            request=ctx.request)
    return package_dict(Dataset.objects.get(pk=dataset.pk), request=ctx.request)


@action()
def package_patch(ctx: Context, data: dict) -> dict:
    """Change only the fields sent."""
    dataset = _dataset_for_write(ctx, data)
    clean = _ckan_input(data)
    clean.pop("name", None) if clean.get("name") == dataset.name else None
    services.dataset_update(actor=ctx.user, dataset=dataset, data=clean, replace=False,
                            request=ctx.request)
    return package_dict(Dataset.objects.get(pk=dataset.pk), request=ctx.request)


@action()
def package_delete(ctx: Context, data: dict) -> None:
    dataset = _dataset_for_write(ctx, data)
    services.dataset_delete(actor=ctx.user, dataset=dataset, request=ctx.request)
    return None


# --- resources -----------------------------------------------------------------------------------


def _resource(ctx: Context, value: str) -> Resource:
    res = Resource.objects.select_related("dataset", "dataset__pemda").filter(
        uuid=value).first() if len(value) in (32, 36) else None
    if res is None or (ctx.pemda is not None and res.dataset.pemda_id != ctx.pemda.pk) or \
            not services.can_view(ctx.user, res.dataset):
        raise errors.NotFound(_("Resource was not found."))
    return res


@action(side_effect_free=True)
def resource_show(ctx: Context, data: dict) -> dict:
    res = _resource(ctx, _id(data))
    return resource_dict(res, ctx.request)


@action()
def resource_create(ctx: Context, data: dict) -> dict:
    """Add a resource (url or an uploaded file in `upload`) to the dataset `package_id`."""
    _write_user(ctx)
    dataset = selectors.dataset_by_id_or_name(_id(data, "package_id"), pemda=ctx.pemda)
    if dataset is None or not services.can_view(ctx.user, dataset):
        raise errors.NotFound(_("Not found"))
    fields = {k: v for k, v in data.items() if k not in ("package_id", "id")}
    res = services.resource_create(actor=ctx.user, dataset=dataset, request=ctx.request,
                                   **fields)
    return resource_dict(res, ctx.request)


@action()
def resource_update(ctx: Context, data: dict) -> dict:
    _write_user(ctx)
    res = _resource(ctx, _id(data))
    fields = {k: v for k, v in data.items() if k not in ("package_id", "id")}
    services.resource_update(actor=ctx.user, resource=res, data=fields, request=ctx.request)
    res.refresh_from_db()
    return resource_dict(res, ctx.request)


@action()
def resource_patch(ctx: Context, data: dict) -> dict:
    return resource_update(ctx, data)


# --- organisations, groups, tags, licences -------------------------------------------------------


def _opds(ctx: Context):
    qs = Opd.objects.select_related("pemda").filter(is_active=True)
    if ctx.pemda is not None:
        return qs.filter(pemda=ctx.pemda)
    return qs.filter(pemda_id__in=selectors.pemda_ids_with_catalog())


def _public_counts(field: str, ctx: Context) -> dict:
    qs = selectors.visible_datasets(pemda=ctx.pemda).order_by()
    return dict(qs.values_list(field).annotate(n=Count("pk")).values_list(field, "n"))


@action(side_effect_free=True)
def organization_list(ctx: Context, data: dict) -> list:
    """The OPD (CKAN organisations); all_fields=true gives dictionaries."""
    opds = sorted(_opds(ctx), key=org_name)
    limit = data.get("limit")
    offset = _int_param(data, "offset", 0)
    opds = opds[offset:offset + _int_param(data, "limit", 0)] if limit not in (None, "") \
        else opds[offset:]
    if _bool(data.get("all_fields", False)):
        counts = _public_counts("owner_org", ctx)
        return [organization_dict(o, package_count=counts.get(o.pk, 0)) for o in opds]
    return [org_name(o) for o in opds]


@action(side_effect_free=True)
def organization_show(ctx: Context, data: dict) -> dict:
    key = _id(data)
    opd = next((o for o in _opds(ctx) if key in (org_name(o), org_id(o), str(o.pk))), None)
    if opd is None:
        raise errors.NotFound(_("Organization not found"))
    qs = selectors.visible_datasets(pemda=opd.pemda).filter(owner_org=opd)
    out = organization_dict(opd, package_count=qs.count())
    if _bool(data.get("include_datasets", False)):
        out["packages"] = [package_dict(d, request=ctx.request) for d in qs[:1000]]
    return out


def _groups(ctx: Context):
    qs = Group.objects.select_related("pemda")
    if ctx.pemda is not None:
        return qs.filter(pemda=ctx.pemda)
    return qs.filter(pemda_id__in=selectors.pemda_ids_with_catalog())


@action(side_effect_free=True)
def group_list(ctx: Context, data: dict) -> list:
    groups = list(_groups(ctx).order_by("name"))
    if _bool(data.get("all_fields", False)):
        public = selectors.visible_datasets(pemda=ctx.pemda)
        counts = dict(Group.objects.filter(datasets__in=public).values_list("pk").annotate(
            n=Count("datasets")).values_list("pk", "n"))
        return [group_dict(g, package_count=counts.get(g.pk, 0)) for g in groups]
    return [g.name for g in groups]


@action(side_effect_free=True)
def group_show(ctx: Context, data: dict) -> dict:
    key = _id(data)
    cond = Q(name=key)
    if len(key) == 36:
        cond |= Q(uuid=key)
    group = _groups(ctx).filter(cond).first()
    if group is None:
        raise errors.NotFound(_("Group not found"))
    qs = selectors.visible_datasets(pemda=group.pemda).filter(groups=group)
    out = group_dict(group, package_count=qs.count())
    if _bool(data.get("include_datasets", False)):
        out["packages"] = [package_dict(d, request=ctx.request) for d in qs[:1000]]
    return out


@action(side_effect_free=True)
def tag_list(ctx: Context, data: dict) -> list:
    """Tags of public datasets; `query` narrows by prefix, all_fields gives dictionaries."""
    public = selectors.visible_datasets(pemda=ctx.pemda)
    qs = Tag.objects.filter(datasets__in=public).distinct().order_by("name")
    prefix = data.get("query") or data.get("q")
    if prefix:
        qs = qs.filter(name__startswith=str(prefix).lower())
    names = list(qs.values_list("name", flat=True))
    if _bool(data.get("all_fields", False)):
        return [{"name": n, "display_name": n, "vocabulary_id": None} for n in names]
    return names


@action(side_effect_free=True)
def license_list(ctx: Context, data: dict) -> list[dict]:
    return [license_dict(lic) for lic in License.objects.all()]
