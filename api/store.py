"""The job store of earlier releases, kept as an import path: see :mod:`api.stores`."""

from api.stores.base import FINISHED, MAX_PROGRESS_POINTS, Job, JobState, QueueFull
from api.stores.sqlite import SqliteJobStore as JobStore

__all__ = ["FINISHED", "MAX_PROGRESS_POINTS", "Job", "JobState", "JobStore", "QueueFull"]
