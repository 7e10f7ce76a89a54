"""API token services: only a hash is stored, revoked and expired tokens stop working,
and last use is written at most once a minute."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from terbuka.accounts.models import ApiToken
from terbuka.accounts.services import token_authenticate, token_create, token_revoke
from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import make_superuser, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return make_user("ani")


def test_create_returns_the_raw_key_once_and_stores_only_its_hash(user):
    token, raw = token_create(actor=user, user=user, name="harvester")

    assert raw.startswith("tbk_") and len(raw) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in {stored.key_hash, stored.hint, stored.name}
    assert stored.key_hash == ApiToken.hash_key(raw)
    assert raw.startswith(stored.hint)
    event = AuditEvent.objects.get(action="accounts.token.create")
    assert raw not in str(event.changes) and raw not in event.object_repr


def test_keys_are_unique(user):
    keys = {token_create(actor=user, user=user, name=f"t{i}")[1] for i in range(5)}
    assert len(keys) == 5


def test_authenticate_finds_the_owner(user):
    _, raw = token_create(actor=user, user=user, name="t")
    assert token_authenticate(raw) == user


@pytest.mark.parametrize("raw", ["", "tbk_", "tbk_unknown", "xyz", "tbk_" + "a" * 500])
def test_unknown_keys_authenticate_nobody(user, raw):
    token_create(actor=user, user=user, name="t")
    assert token_authenticate(raw) is None


def test_revoked_token_is_refused(user):
    token, raw = token_create(actor=user, user=user, name="t")

    token_revoke(actor=user, token=token)

    assert token_authenticate(raw) is None
    assert AuditEvent.objects.filter(action="accounts.token.revoke").count() == 1


def test_revoking_twice_records_once(user):
    token, _ = token_create(actor=user, user=user, name="t")
    token_revoke(actor=user, token=token)
    token_revoke(actor=user, token=token)
    assert AuditEvent.objects.filter(action="accounts.token.revoke").count() == 1


def test_expired_token_is_refused(user):
    token, raw = token_create(actor=user, user=user, name="t",
                              expires_at=timezone.now() + timedelta(hours=1))
    assert token_authenticate(raw) == user

    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert token_authenticate(raw) is None


def test_token_of_a_deactivated_user_is_refused(user):
    _, raw = token_create(actor=user, user=user, name="t")
    user.is_active = False
    user.save()
    assert token_authenticate(raw) is None


def test_last_used_is_written_at_most_once_a_minute(user, django_assert_num_queries):
    token, raw = token_create(actor=user, user=user, name="t")

    with django_assert_num_queries(2):  # lookup + update
        token_authenticate(raw)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    with django_assert_num_queries(1):  # lookup only
        token_authenticate(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(seconds=61))
    token_authenticate(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first


def test_name_is_required_and_bounded(user):
    with pytest.raises(ValidationError) as blank:
        token_create(actor=user, user=user, name="   ")
    with pytest.raises(ValidationError) as long:
        token_create(actor=user, user=user, name="x" * 81)
    assert set(blank.value.message_dict) == {"name"}
    assert "81" in long.value.message_dict["name"][0]
    assert not ApiToken.objects.exists()


def test_expiry_in_the_past_is_refused(user):
    with pytest.raises(ValidationError) as exc:
        token_create(actor=user, user=user, name="t",
                     expires_at=timezone.now() - timedelta(days=1))
    assert set(exc.value.message_dict) == {"expires_at"}


def test_nobody_creates_or_revokes_tokens_for_someone_else(user):
    other = make_user("budi")
    token, _ = token_create(actor=user, user=user, name="t")

    with pytest.raises(PermissionDenied):
        token_create(actor=other, user=user, name="sneaky")
    with pytest.raises(PermissionDenied):
        token_revoke(actor=other, token=token)
    with pytest.raises(PermissionDenied):
        token_create(actor=None, user=user, name="system")
    assert ApiToken.objects.count() == 1 and ApiToken.objects.get().revoked_at is None


def test_superuser_can_revoke_a_leaked_token(user):
    token, raw = token_create(actor=user, user=user, name="t")
    token_revoke(actor=make_superuser(), token=token)
    assert token_authenticate(raw) is None
