import pytest

from terbuka.aduan.demo import ensure_categories
from terbuka.core.models import Role
from terbuka.core.tests.factories import KSB, make_opd, make_pemda, make_user
from terbuka.saluran.models import ChannelAccount, SmsGateway

META_SECRET = "meta-app-secret-uji"
X_SECRET = "x-consumer-secret-uji"


class World:
    def __init__(self):
        self.pemda = make_pemda("ksb", KSB)
        self.pupr = make_opd(self.pemda, "Dinas PUPR", acronym="DPUPR")
        self.dinkes = make_opd(self.pemda, "Dinas Kesehatan", acronym="Dinkes")
        self.categories = {c.slug: c for c in ensure_categories(self.pemda)}
        self.operator = make_user("operator", Role.OPERATOR_ADUAN, pemda=self.pemda)
        self.warga = make_user("warga", Role.WARGA, pemda=self.pemda)
        self.meta = ChannelAccount.objects.create(
            pemda=self.pemda, platform="meta", account_id="106540352242922",
            app_secret=META_SECRET, verify_token="token-verifikasi", access_token="")
        self.x = ChannelAccount.objects.create(
            pemda=self.pemda, platform="x", account_id="1490000000000000001",
            app_secret=X_SECRET, access_token="")


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def gateway(world, tmp_path):
    return SmsGateway.objects.create(pemda=world.pemda, number="+6281100000000",
                                     inbox_path=str(tmp_path / "inbox"),
                                     outbox_path=str(tmp_path / "outbox"))


def drop_sms(gateway, sender, text, *, stamp="20261123_101500", serial="00", part="00",
             raw=None):
    from pathlib import Path

    inbox = Path(gateway.inbox_path)
    inbox.mkdir(parents=True, exist_ok=True)
    path = inbox / f"IN{stamp}_{serial}_{sender}_{part}.txt"
    path.write_bytes(raw if raw is not None else b"\xff\xfe" + text.encode("utf-16-le"))
    return path
