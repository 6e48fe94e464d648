"""The JSON API under /api/v1: one NinjaAPI, routers added per domain."""

from ninja import NinjaAPI

api = NinjaAPI(title="Outsourcer API", version="1", urls_namespace="api")
