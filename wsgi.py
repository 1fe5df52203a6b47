"""WSGI entry point: ``flask --app wsgi run`` or any WSGI server; starts the in-process job worker."""

from app import create_app
from app.jobs import start_background

app = create_app()
start_background(app)
