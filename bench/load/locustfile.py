"""Mixed traffic for `bench/load/run.py`: citizens on phones, complaint operators, kader
syncing a session, and developers' clients on the open-data APIs. Every user paces itself
(constant_throughput), so the offered load is users × rate whatever the latencies."""

from __future__ import annotations

import json
import os
import random
import uuid

from locust import HttpUser, between, constant_throughput, tag, task  # noqa: F401

SETUP = json.loads(os.environ["TERBUKA_LOAD_SETUP"])  # written by run.py
PEMDA = SETUP["pemda"]  # slugs
QUERIES = ["penduduk", "kemiskinan", "kesehatan", "sekolah", "jalan", "stunting", "air bersih",
           "posyandu", "anggaran", "pertanian"]


def _ip() -> str:
    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


class Citizen(HttpUser):
    """Reads public pages, files a complaint now and then, follows it by number."""

    weight = 6
    wait_time = constant_throughput(1)

    def on_start(self):
        self.client.headers["X-Real-IP"] = _ip()  # one phone, one address (nginx sets this)
        self.slug = random.choice(PEMDA)
        self.numbers: list[str] = []

    @task(4)
    def home(self):
        self.client.get(f"/{self.slug}/", name="/<pemda>/")

    @task(3)
    def portal(self):
        self.client.get(f"/{self.slug}/data/", name="/<pemda>/data/")

    @task(2)
    def complaints(self):
        self.client.get(f"/{self.slug}/aduan/", name="/<pemda>/aduan/")

    @task(2)
    def submit(self):
        body = {
            "kind": "layanan",
            "body": f"Lampu jalan di depan rumah nomor {random.randint(1, 300)} mati sejak "
                    f"{random.randint(2, 9)} hari, mohon diperbaiki. Ref {uuid.uuid4().hex[:8]}",
            "reporter_name": "Warga Uji",
            "anonymous": random.random() < 0.3,
        }
        with self.client.post(f"/api/v1/pemda/{self.slug}/aduan", json=body,
                              name="/api/v1/pemda/<pemda>/aduan",
                              catch_response=True) as response:
            if response.status_code == 201:
                self.numbers.append(response.json()["tracking_number"])
                response.success()
            else:
                response.failure(f"{response.status_code} {response.text[:200]}")

    @task(1)
    def track(self):
        if self.numbers:
            number = random.choice(self.numbers)
            self.client.get(f"/api/v1/pemda/{self.slug}/aduan/track/{number}",
                            name="/api/v1/pemda/<pemda>/aduan/track/<number>")


class Operator(HttpUser):
    """A complaint operator's screen refreshing its queue through the API."""

    weight = 1
    wait_time = constant_throughput(0.5)

    def on_start(self):
        account = random.choice(SETUP["operators"])
        self.slug = account["pemda"]
        self.client.headers["Authorization"] = f"Bearer {account['token']}"

    @task
    def queue(self):
        self.client.get(f"/api/v1/pemda/{self.slug}/aduan/queue",
                        name="/api/v1/pemda/<pemda>/aduan/queue")


class Kader(HttpUser):
    """A kader's phone downloading its register and syncing a small session."""

    weight = 1
    wait_time = constant_throughput(0.2)

    def on_start(self):
        account = random.choice(SETUP["kader"])
        self.posyandu = account["posyandu_id"]
        self.client.headers["Authorization"] = f"Bearer {account['token']}"

    @task(3)
    def register(self):
        self.client.get(f"/api/v1/posyandu/{self.posyandu}/register",
                        name="/api/v1/posyandu/<id>/register")

    @task(1)
    def sync(self):
        # An empty batch still walks authentication, scoping and the sync transaction.
        self.client.post(f"/api/v1/posyandu/{self.posyandu}/sync",
                         json={"children": [], "sessions": [], "measurements": []},
                         name="/api/v1/posyandu/<id>/sync")


class ApiClient(HttpUser):
    """Developers' systems and harvesters on the CKAN-compatible API."""

    weight = 2
    wait_time = constant_throughput(1)

    @task(3)
    def search(self):
        q = random.choice(QUERIES)
        self.client.get(f"/api/3/action/package_search?q={q}&rows=20&facet.field=organization",
                        name="/api/3/action/package_search")

    @task(1)
    def harvest_page(self):
        self.client.get("/api/3/action/package_search?rows=100&start=0&sort=id%20asc"
                        "&fq=metadata_modified:[2020-01-01T00:00:00Z%20TO%20*]",
                        name="/api/3/action/package_search (harvest)")

    @task(1)
    def regions(self):
        self.client.get("/api/v1/regions?parent=52.07", name="/api/v1/regions")
