"""Browser tests: a real HTTP server with the app (in-process job worker) and Debian's headless Chromium."""

from __future__ import annotations

import os
import shutil
import threading
from datetime import date

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
DEMO_PASSWORD = "demo-e2e-pass"


def pytest_collection_modifyitems(items):
    """Chromium drops media connections mid-response; the threaded test server then leaks a socket warning."""
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.filterwarnings("ignore::ResourceWarning"))
            item.add_marker(pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"))


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """An app on a file database with the demo people (and whatever feature seeders exist)."""
    from app import create_app
    from app.extensions import db

    root = tmp_path_factory.mktemp("e2e")
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{root / 'e2e.sqlite3'}",
        "STORAGE_DIR": str(root / "storage"),
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 8192,
        "JOBS_MODE": "thread",
        "DEMO_PASSWORD": DEMO_PASSWORD,
        "E2E_SEED_LIGHT": True,
    })
    with app.app_context():
        db.create_all()
        from app.accounts import demo as accounts_demo
        from app.core.demo import DemoContext

        ctx = DemoContext(password=DEMO_PASSWORD, today=date.today(), echo=lambda _msg: None)
        accounts_demo.seed(ctx)
        db.session.commit()
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    """Serve the app on a free loopback port for the whole session."""
    from app.jobs import start_background

    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    start_background(live_app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (make test does).")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Bootstrap honours prefers-reduced-motion: no collapse animation, no smooth scrolling, so a
    # click never lands on an element that is still moving (a flake seen once in CI).
    return {**browser_context_args, "reduced_motion": "reduce"}


@pytest.fixture
def login(page, base_url):
    """Sign in through the real form as a demo person (by email)."""

    def do_login(email: str, password: str = DEMO_PASSWORD):
        page.goto(f"{base_url}/login")
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", password)
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_url(lambda url: "/login" not in url)
        return page

    return do_login
