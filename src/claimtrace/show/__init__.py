"""Showing the knowledge base: terminal output now, the web interface later."""
