"""The roster solve service: a FastAPI app over the optimizer library (``roster serve``)."""

from api.app import create_app
from api.settings import Settings

__all__ = ["Settings", "create_app"]
