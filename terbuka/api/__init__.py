"""The versioned JSON API. Each app contributes a router; this file only assembles them."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Terbuka API",
    version="1",
    description="Open-government platform for Indonesian regional governments.",
    urls_namespace="api-v1",
)

api.add_router("/", "terbuka.core.api.router")
