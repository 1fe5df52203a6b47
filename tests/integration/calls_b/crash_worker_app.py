"""App factory for the worker-crash test's ``flask worker`` processes (``--app`` points here).

``create_app(block=True)``: a worker whose transcription never ends (it waits to be killed), so the test
can kill it at a known point; ``create_app()``: a normal worker. Both take over calls whose row has not
moved for a second, so the restarted worker recovers the killed one's call at once.
"""

from __future__ import annotations

import time


def create_app(block: bool = False):  # type: ignore[no-untyped-def]
    from app import create_app as base

    app = base({"CALLS_STALE_SECONDS": 1, "CALLS_TRANSCRIBER": "sidecar"})
    if block:
        from app.calls import transcriber

        def transcribe_forever(self, request, progress):  # type: ignore[no-untyped-def]
            while True:  # stands in for a long speech recognition; ends only when the worker is killed
                time.sleep(1)

        transcriber.SidecarTranscriber.transcribe = transcribe_forever
    return app
