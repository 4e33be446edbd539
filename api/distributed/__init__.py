"""The distributed backend: jobs sent through a Celery broker to ``roster worker`` processes."""
