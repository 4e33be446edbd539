"""The web planner: the page served by ``roster serve`` and the small public routes it reads.

``pages.router`` serves the HTML shell at the URLs of the page and its static assets; ``routes.router``
adds ``/v1`` routes any client may use (translation catalogues, examples, a job's problem).
"""
