"""The analyst's web app: server-rendered pages over the knowledge base, served locally.

``create_app(ServeOptions(db_path=...))`` builds the FastAPI app; ``claimtrace
serve`` runs it with uvicorn. Every page is rendered on the server from
templates with autoescaping on: article text is untrusted HTML.
"""

from claimtrace.web.app import ServeOptions, create_app, serve

__all__ = ["ServeOptions", "create_app", "serve"]
