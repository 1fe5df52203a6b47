"""``call`` detector: a fact about the call's structure (``dm_reached``, ``has_gatekeeper``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scoring.detectors import BuildEnv, register
from scoring.detectors.base import Evidence, Finding, SpecError, check_keys, make_quote, mapping

if TYPE_CHECKING:
    from scoring.context import ScoringContext

FACTS = ("dm_reached", "has_gatekeeper")


class CallFactDetector:
    """Passes when every listed structure fact has the wanted value."""

    def __init__(self, wanted: dict[str, bool]) -> None:
        self.wanted = wanted

    def evaluate(self, ctx: ScoringContext) -> Finding:
        """Compare the detected structure with the wanted facts."""
        st = ctx.structure
        actual = {"dm_reached": st.dm_reached, "has_gatekeeper": st.has_gatekeeper}
        ok = all(actual[k] == v for k, v in self.wanted.items())
        segs = ctx.transcript.segments
        point = st.handover if st.handover is not None else (st.signals[-1][0] if st.signals else None)
        evidence = []
        if point is not None and point < len(segs):
            evidence.append(
                Evidence(point, segs[point].start, segs[point].end, make_quote(segs[point].text), st.reason)
            )
        return Finding(ok, evidence, st.confidence, note=st.reason)


@register("call")
def build_call(body: Any, path: str, env: BuildEnv) -> CallFactDetector:
    """Build a ``call`` detector from its spec."""
    spec = mapping(body, path)
    check_keys(spec, set(FACTS), path)
    if not spec:
        raise SpecError(path, f"name at least one of {', '.join(FACTS)}")
    for key, value in spec.items():
        if not isinstance(value, bool):
            raise SpecError(f"{path}.{key}", f"must be true or false, got {value!r}")
    return CallFactDetector(dict(spec))
