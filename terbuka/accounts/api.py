"""`/api/v1/me`: who the caller is, and the caller's own API tokens."""


from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from terbuka.accounts import selectors, services
from terbuka.accounts.models import ApiToken
from terbuka.api import errors
from terbuka.api.errors import ERRORS_AUTH, ERRORS_WRITE, ErrorOut
from terbuka.api.pagination import Page
from terbuka.api.params import ObjectId, Text

router = Router(tags=["me"])


class RoleOut(Schema):
    role: str
    label: str
    pemda: str = Field(description="Slug of the pemda the role holds in.")
    opd_id: int | None
    region_code: str | None
    place_id: int | None


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    language: str
    is_superuser: bool
    roles: list[RoleOut]


class TokenOut(Schema):
    id: int
    name: str
    hint: str = Field(description="The key's first characters, to recognise it.")
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    key: str = Field(description="The token itself. Shown only in this response; store it now.")


class TokenIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: Text = Field(max_length=80, examples=["Satu Data harvester"])
    expires_at: datetime | None = Field(None, description="When the token stops working.")


def _token_out(token: ApiToken) -> dict:
    return {
        "id": token.pk, "name": token.name, "hint": token.hint,
        "created_at": token.created_at, "expires_at": token.expires_at,
        "last_used_at": token.last_used_at, "revoked_at": token.revoked_at,
    }


@router.get("/me", response={200: MeOut, **ERRORS_AUTH}, summary="The calling user and roles")
def me(request: HttpRequest):
    user = request.auth
    return {
        "id": user.pk, "username": user.get_username(), "full_name": user.full_name,
        "email": user.email, "language": user.language, "is_superuser": user.is_superuser,
        "roles": [
            {
                "role": a.role, "label": a.get_role_display(), "pemda": a.pemda.slug,
                "opd_id": a.opd_id, "region_code": a.region_id, "place_id": a.place_id,
            }
            for a in selectors.roles_of(user)
        ],
    }


@router.get("/me/tokens", response={200: list[TokenOut], **ERRORS_AUTH},
            summary="The caller's API tokens (revoked ones included)")
@paginate(Page)
def token_list(request: HttpRequest):
    return selectors.tokens_of(request.auth)


@router.post(
    "/me/tokens",
    response={201: TokenCreatedOut, **ERRORS_WRITE},
    summary="Create an API token (only from a logged-in session)",
)
def token_create(request: HttpRequest, payload: TokenIn):
    # A token must not mint further tokens: a leaked, expiring key could otherwise make
    # itself permanent. Creating one needs a person logged in.
    if getattr(request, "auth_method", None) != "session":
        raise errors.ApiError(
            403, errors.PERMISSION_DENIED,
            _("API tokens can only be created while logged in, not with another token."),
        )
    token, raw = services.token_create(
        actor=request.auth, user=request.auth, name=payload.name,
        expires_at=payload.expires_at, request=request,
    )
    return Status(201, {**_token_out(token), "key": raw})


@router.delete(
    "/me/tokens/{token_id}",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Revoke one of the caller's API tokens",
)
def token_revoke(request: HttpRequest, token_id: ObjectId):
    # Another user's token id answers 404 like a missing one: ids are not to be probed.
    token = selectors.tokens_of(request.auth).select_related("user").filter(pk=token_id).first()
    if token is None:
        raise errors.not_found(_("You have no API token with id %(id)s.") % {"id": token_id})
    services.token_revoke(actor=request.auth, token=token, request=request)
    return Status(204, None)
