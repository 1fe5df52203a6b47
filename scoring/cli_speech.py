"""Speech commands of ``python -m scoring``: transcribe, transcribe-and-score, bench-asr."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from scoring.asr import ENGINES

DEFAULT_CHECKLIST = Path(__file__).resolve().parent.parent / "checklists" / "cold_call.yaml"
EXIT_INPUT, EXIT_MODEL = 2, 3


def register(subparsers: Any) -> None:
    """Add the speech commands to the top-level parser."""
    p = subparsers.add_parser("transcribe", help="transcribe a call recording into transcript JSON")
    _call_arguments(p)
    p.add_argument("-o", "--output", help="write the transcript here instead of stdout")
    p.add_argument(
        "--format", choices=("json", "text"), default="json", help="json (default) or readable text"
    )
    p.set_defaults(func=cmd_transcribe)

    p = subparsers.add_parser("transcribe-and-score", help="transcribe a recording and score it")
    _call_arguments(p)
    p.add_argument("--checklist", default=str(DEFAULT_CHECKLIST), help="checklist YAML (default: cold_call)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--save-transcript", help="also write the transcript JSON to this file")
    p.set_defaults(func=cmd_transcribe_and_score)

    p = subparsers.add_parser("bench-asr", help="RTF, memory and WER of both Whisper engines")
    p.add_argument("--audio-dir", default=None, help="fixtures with refs.json (default: tests/data/audio)")
    p.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    p.add_argument("--no-extras", action="store_true", help="skip the telephony, noisy and mono fixtures")
    p.add_argument("--json", help="also write the raw figures to this JSON file")
    p.add_argument("--write-docs", metavar="MARKDOWN", help="put the report between the bench markers there")
    p.set_defaults(func=cmd_bench_asr)


def _call_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("call", help="recording: wav, mp3, ogg/opus, m4a/aac, flac, webm ...")
    p.add_argument("--engine", choices=ENGINES, default=None, help="default: $ASR_ENGINE or faster-whisper")
    p.add_argument(
        "--manager-channel",
        choices=("left", "right"),
        default="left",
        help="stereo recordings: the channel with the sales manager (default left)",
    )
    p.add_argument("--language", default="ru")
    p.add_argument(
        "--vocabulary",
        default=None,
        metavar="WORDS",
        help="the company's own words, comma-separated: its name, products, domain terms "
        '(e.g. "Стрела Экспресс, курьерская доставка, логистика"); Whisper sees them before every '
        "30-s window and spells them that way. At most 400 characters. Default: $ASR_VOCABULARY; "
        '--vocabulary "" for none',
    )
    p.add_argument("--progress", action="store_true", help="report progress on stderr")


def _transcribe(args: argparse.Namespace) -> dict:
    from scoring.asr import get_engine
    from scoring.diarize import resolve_vocabulary, transcribe_call

    def show(fraction: float, stage: str) -> None:
        print(
            f"\r{stage:<10} {fraction:6.1%}", end="\n" if stage == "done" else "", file=sys.stderr, flush=True
        )

    vocabulary = resolve_vocabulary(args.vocabulary)  # a vocabulary that is too long fails before the model loads
    engine = get_engine(args.engine)
    return transcribe_call(
        args.call,
        engine=engine,
        manager_channel=args.manager_channel,
        language=args.language,
        progress=show if args.progress else None,
        vocabulary=vocabulary or "",
    )


def _fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _guarded(run: Any, args: argparse.Namespace) -> int:
    from scoring.asr.base import VocabularyError
    from scoring.asr.convert import ConversionError
    from scoring.asr.models import ModelError
    from scoring.audio import AudioError

    try:
        return int(run(args))
    except (AudioError, VocabularyError) as exc:
        return _fail(str(exc), EXIT_INPUT)
    except (ModelError, ConversionError) as exc:
        return _fail(f"speech model: {exc}", EXIT_MODEL)


def render_text(transcript: dict) -> str:
    """A readable transcript: one line per turn with a clock and the speaker."""
    lines = []
    for seg in transcript["segments"]:
        minutes, seconds = divmod(seg["start"], 60)
        lines.append(f"[{int(minutes):02d}:{seconds:04.1f}] {seg['speaker']:<7} {seg['text']}")
    meta = transcript.get("meta", {})
    note = " (roles inferred from one mixed channel)" if meta.get("roles_inferred") else ""
    lines.append(f"-- {transcript['duration']:.1f} s, {meta.get('engine')} {meta.get('layout')}{note}")
    return "\n".join(lines)


def cmd_transcribe(args: argparse.Namespace) -> int:
    """Print or save the transcript of one recording."""

    def run(args: argparse.Namespace) -> int:
        transcript = _transcribe(args)
        text = (
            render_text(transcript)
            if args.format == "text"
            else json.dumps(transcript, ensure_ascii=False, indent=2)
        )
        if args.output:
            Path(args.output).write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
        return 0

    return _guarded(run, args)


def cmd_transcribe_and_score(args: argparse.Namespace) -> int:
    """Transcribe, then score with the text engine; prints the same scorecard as ``score``."""

    def run(args: argparse.Namespace) -> int:
        try:
            from scoring.checklist import ChecklistError, load_checklist
            from scoring.engine import score
            from scoring.report import render_scorecard
            from scoring.transcript import load_transcript
        except ImportError as exc:
            return _fail(f"the text scoring engine is not available ({exc})", EXIT_MODEL)
        try:
            checklist = load_checklist(args.checklist)
        except (ChecklistError, OSError) as exc:
            return _fail(str(exc), EXIT_INPUT)
        transcript = _transcribe(args)
        if args.save_transcript:
            Path(args.save_transcript).write_text(
                json.dumps(transcript, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        print(render_scorecard(score(load_transcript(transcript), checklist), args.format))
        return 0

    return _guarded(run, args)


def cmd_bench_asr(args: argparse.Namespace) -> int:
    """Benchmark the engines on the committed fixtures and print (optionally store) the report."""
    from scoring.bench_asr import DEFAULT_AUDIO_DIR, render, run_bench, write_docs

    audio_dir = Path(args.audio_dir) if args.audio_dir else DEFAULT_AUDIO_DIR
    if not (audio_dir / "refs.json").is_file():
        return _fail(f"{audio_dir} has no refs.json", EXIT_INPUT)
    try:
        bench = run_bench(audio_dir, args.engines, extras=not args.no_extras)
    except RuntimeError as exc:
        return _fail(str(exc), EXIT_MODEL)
    report = render(bench)
    print(report, end="")
    if args.json:
        Path(args.json).write_text(json.dumps(bench, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.write_docs:
        write_docs(Path(args.write_docs), report)
    return 0
