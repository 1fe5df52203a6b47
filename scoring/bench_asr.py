"""``bench-asr``: both Whisper engines on the committed recordings: RTF, peak memory, WER, speed ratio.

Each engine runs in its own child process so that its peak resident memory (``ru_maxrss``: model,
runtime and buffers, native allocations included, which tracemalloc cannot see) is measured alone.
Engines run with the fixtures' company vocabulary (``refs.json`` ``"vocabulary"``), as a deployment
would; faster-whisper runs once more without it, so that both figures stay visible.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

from scoring.asr.wer import WerResult, word_errors

DEFAULT_AUDIO_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "audio"
DOCS_START, DOCS_END = "<!-- bench-asr:start -->", "<!-- bench-asr:end -->"


def role_accuracy(segments: list[dict], turns: list[dict]) -> tuple[float, float]:
    """(share of attributed speech time given the right role, share of reference speech time attributed)."""
    right = wrong = 0.0
    for turn in turns:
        for seg in segments:
            overlap = min(turn["end"], seg["end"]) - max(turn["start"], seg["start"])
            if overlap > 0:
                if seg["speaker"] == turn["speaker"]:
                    right += overlap
                else:
                    wrong += overlap
    total = sum(t["end"] - t["start"] for t in turns)
    attributed = right + wrong
    return (right / attributed if attributed else 0.0), (attributed / total if total else 0.0)


def _speaker_text(transcript: dict, speaker: str) -> str:
    return " ".join(s["text"] for s in transcript["segments"] if s["speaker"] == speaker)


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_engine(engine_name: str, audio_dir: Path, *, extras: bool, vocabulary: bool = True) -> dict:
    """Benchmark one engine in this process (the parent starts one child per engine and setting).

    ``vocabulary``: give the recogniser the fixtures' vocabulary from ``refs.json`` (never ``$ASR_VOCABULARY``).
    """
    from scoring.asr import get_engine
    from scoring.diarize import resolve_vocabulary, transcribe_call

    refs = json.loads((audio_dir / "refs.json").read_text(encoding="utf-8"))
    words = resolve_vocabulary(refs.get("vocabulary") or "") if vocabulary else None
    baseline_mb = _peak_rss_mb()
    started = time.perf_counter()
    engine = get_engine(engine_name)
    load_s = time.perf_counter() - started
    # warm-up: first-call set-up is not speed
    transcribe_call(audio_dir / "clip.wav", engine=engine, vocabulary=words or "")
    calls = []
    for name, call in refs["calls"].items():
        path = audio_dir / f"{name}.stereo.flac"
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        transcript = transcribe_call(path, engine=engine, vocabulary=words or "")
        elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
        hyp = {who: _speaker_text(transcript, who) for who in ("manager", "client")}
        ref = {who: " ".join(t["text"] for t in call["turns"] if t["speaker"] == who) for who in hyp}
        errors = [word_errors(ref[who], hyp[who]) for who in hyp]
        calls.append(
            {
                "file": path.name,
                "duration": transcript["duration"],
                "seconds": elapsed,
                "cpu_seconds": cpu,
                "errors": [e.__dict__ for e in errors],
                "hypothesis": hyp,
            }
        )
    result = {
        "engine": engine_name,
        **engine.describe(),
        "load_s": load_s,
        "vocabulary": words,
        "calls": calls,
        "baseline_rss_mb": baseline_mb,
    }
    if extras:
        result["extras"] = _extras(engine, audio_dir, refs, words)
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def _extras(engine: object, audio_dir: Path, refs: dict, vocabulary: str | None) -> list[dict]:
    """Telephony, noisy and mono files: WER and, for mono, how much speech time got the right role."""
    from scoring.diarize import transcribe_call

    rows = []
    for file, info in refs["files"].items():
        if "call" not in info or file.endswith(".stereo.flac"):
            continue
        turns = refs["calls"][info["call"]]["turns"]
        started = time.perf_counter()
        transcript = transcribe_call(
            audio_dir / file,
            engine=engine,  # type: ignore[arg-type]
            vocabulary=vocabulary or "",
        )
        elapsed = time.perf_counter() - started
        ref = " ".join(t["text"] for t in turns)
        hyp = " ".join(s["text"] for s in transcript["segments"])
        accuracy, coverage = role_accuracy(transcript["segments"], turns)
        rows.append(
            {
                "file": file,
                "layout": transcript["meta"]["layout"],
                "seconds": elapsed,
                "duration": transcript["duration"],
                "wer": word_errors(ref, hyp).wer,
                "roles_inferred": transcript["meta"]["roles_inferred"],
                "voices": transcript["meta"].get("voices"),
                "role_accuracy": accuracy,
                "role_coverage": coverage,
            }
        )
    return rows


def summarise(result: dict) -> dict:
    """Aggregate figures of one engine run."""
    total = WerResult(0, 0, 0, 0)
    for call in result["calls"]:
        for e in call["errors"]:
            total = total + WerResult(**e)
    seconds = sum(c["seconds"] for c in result["calls"])
    audio = sum(c["duration"] for c in result["calls"])
    return {
        "engine": result["engine"],
        "compute": result.get("compute_type", "float32"),
        "device": result["device"],
        "rtf": seconds / audio,
        "cpu_rtf": sum(c.get("cpu_seconds", 0.0) for c in result["calls"]) / audio,
        "seconds": seconds,
        "audio_s": audio,
        "wer": total.wer,
        "errors": total.errors,
        "words": total.reference_words,
        "load_s": result["load_s"],
        "peak_rss_mb": result["peak_rss_mb"],
        "vocabulary": bool(result.get("vocabulary")),
    }


def cross_wer(a: dict, b: dict) -> float:
    """WER of engine b's text against engine a's text, i.e. how differently the two engines transcribe."""
    total = WerResult(0, 0, 0, 0)
    for ca, cb in zip(a["calls"], b["calls"], strict=True):
        for who in ("manager", "client"):
            total = total + word_errors(ca["hypothesis"][who], cb["hypothesis"][who])
    return total.wer


def bench_runs(engines: list[str], has_vocabulary: bool) -> list[tuple[str, bool]]:
    """(engine, with vocabulary) in the order they run: every engine as deployed, then faster-whisper bare."""
    runs = [(engine, has_vocabulary) for engine in engines]
    if has_vocabulary and "faster-whisper" in engines:
        runs.append(("faster-whisper", False))
    return runs


def run_bench(audio_dir: Path, engines: list[str], *, extras: bool = True) -> dict:
    """Run every engine in a child process and collect the figures plus machine facts."""
    refs = json.loads((audio_dir / "refs.json").read_text(encoding="utf-8"))
    load_before = os.getloadavg()
    results = []
    for index, (engine, vocabulary) in enumerate(bench_runs(engines, bool(refs.get("vocabulary")))):
        cmd = [sys.executable, "-m", "scoring.bench_asr", engine, str(audio_dir)]
        if extras and index == 0:
            cmd.append("--extras")
        if not vocabulary:
            cmd.append("--no-vocabulary")
        proc = subprocess.run(
            cmd, capture_output=True, text=True, check=False, cwd=Path(__file__).parent.parent
        )
        if proc.returncode:
            raise RuntimeError(f"{engine} benchmark failed: {proc.stderr.strip().splitlines()[-1:]}")
        results.append(json.loads(proc.stdout))
    return {
        "results": results,
        "summary": [summarise(r) for r in results],
        "vocabulary": refs.get("vocabulary"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_before": load_before,
            "load_after": os.getloadavg(),
            "date": time.strftime("%Y-%m-%d %H:%M"),
        },
    }


def render(bench: dict) -> str:
    """Markdown report (also printed by the command)."""
    m, rows = bench["machine"], bench["summary"]
    lines = [
        f"Measured {m['date']} on {m['cpus']} CPUs, Python {m['python']}; load average "
        f"{m['load_before'][0]:.1f} before / {m['load_after'][0]:.1f} after (other jobs shared the machine).",
    ]
    if bench.get("vocabulary"):
        lines += [
            "",
            f"Vocabulary (`refs.json`, the fixtures' company): «{bench['vocabulary']}». "
            "Rows marked «none» ran without it.",
        ]
    lines += [
        "",
        "| engine | vocabulary | compute | RTF (wall) | CPU s per audio s | audio s | WER | peak RSS MB "
        "| model load s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['engine']} | {'yes' if r.get('vocabulary') else 'none'} | {r['device']} {r['compute']} | "
            f"{r['rtf']:.3f} | {r.get('cpu_rtf', 0):.3f} | {r['audio_s']:.0f} | "
            f"{r['wer']:.1%} ({r['errors']}/{r['words']}) | {r['peak_rss_mb']:.0f} | {r['load_s']:.1f} |"
        )
    # the engines compared with each other: the rows that share the first row's vocabulary setting
    pair = [i for i, r in enumerate(rows) if r.get("vocabulary") == rows[0].get("vocabulary")][:2]
    if len(pair) == 2 and rows[pair[0]]["engine"] != rows[pair[1]]["engine"]:
        first, second = rows[pair[0]], rows[pair[1]]
        ratio = second["rtf"] / first["rtf"]
        cpu_ratio = second.get("cpu_rtf", 0) / max(first.get("cpu_rtf", 0), 1e-9)
        agreement = cross_wer(bench["results"][pair[0]], bench["results"][pair[1]])
        lines += [
            "",
            f"Speed ratio: {first['engine']} is {ratio:.1f}x faster than {second['engine']} in wall time "
            f"({cpu_ratio:.1f}x in CPU time). The two engines' texts differ by {agreement:.1%} WER "
            "(same weights, converted checkpoint).",
        ]
    by_setting = {(r["engine"], bool(r.get("vocabulary"))): r for r in bench["summary"]}
    for engine in dict.fromkeys(r["engine"] for r in bench["summary"]):
        with_words, without = by_setting.get((engine, True)), by_setting.get((engine, False))
        if with_words and without:
            lines += [
                "",
                f"Vocabulary effect ({engine}): WER {without['wer']:.1%} without, {with_words['wer']:.1%} with; "
                f"RTF {without['rtf']:.3f} without, {with_words['rtf']:.3f} with.",
            ]
    extras = next((r for r in bench["results"] if r.get("extras")), None)
    if extras:
        setting = "with the vocabulary" if extras.get("vocabulary") else "no vocabulary"
        lines += [
            "",
            f"Other fixtures ({extras['engine']}, {setting}):",
            "",
            "| file | layout | RTF | WER | roles right (speech time) | attributed | voices |",
            "|---|---|---|---|---|---|---|",
        ]
        for x in extras["extras"]:
            roles = f"{x['role_accuracy']:.1%}" + (" (inferred)" if x["roles_inferred"] else "")
            lines.append(
                f"| {x['file']} | {x['layout']} | {x['seconds'] / x['duration']:.3f} | {x['wer']:.1%} | "
                f"{roles} | {x['role_coverage']:.1%} | {x['voices'] or '-'} |"
            )
    return "\n".join(lines) + "\n"


def write_docs(path: Path, report: str) -> None:
    """Replace the text between the bench markers in ``path`` (append the block if absent)."""
    block = f"{DOCS_START}\n{report}{DOCS_END}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if DOCS_START in text and DOCS_END in text:
        head, rest = text.split(DOCS_START, 1)
        text = head + block + rest.split(DOCS_END, 1)[1]
    else:
        text = text + ("\n" if text else "") + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":  # child: python -m scoring.bench_asr ENGINE AUDIO_DIR [--extras] [--no-vocabulary]
    print(
        json.dumps(
            run_engine(
                sys.argv[1],
                Path(sys.argv[2]),
                extras="--extras" in sys.argv,
                vocabulary="--no-vocabulary" not in sys.argv,
            )
        )
    )
