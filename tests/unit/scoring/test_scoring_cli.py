"""Command line (``python -m scoring ...``), reports, evaluation figures and the framework-free rule."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GATEKEEPER_CALL, C, M, make_call

from scoring.__main__ import main
from scoring.checklist import load_checklist
from scoring.engine import score
from scoring.evaluation import cohen_kappa, evaluate_dir, load_gold
from scoring.report import render_scorecard

ROOT = Path(__file__).resolve().parents[3]
CHECKLIST = str(ROOT / "checklists" / "cold_call.yaml")


@pytest.fixture
def call_file(tmp_path: Path) -> Path:
    path = tmp_path / "call.json"
    path.write_text(json.dumps(make_call(GATEKEEPER_CALL), ensure_ascii=False), encoding="utf-8")
    return path


def test_score_prints_a_readable_scorecard(call_file, capsys, tiny_classifiers):
    assert main(["score", str(call_file), "--checklist", CHECKLIST]) == 0
    out = capsys.readouterr().out
    assert "Score:" in out and "hand-over at 00:" in out
    verdict_lines = [i for i, line in enumerate(out.splitlines()) if "✔ pass" in line or "✘ FAIL" in line]
    lines = out.splitlines()
    for i in verdict_lines:  # every pass/fail is followed by a timed quote
        following = "\n".join(lines[i + 1 : i + 4])
        assert re.search(r"\d\d:\d\d–\d\d:\d\d #\d+: «", following), lines[i]


def test_score_json(call_file, capsys, tiny_classifiers):
    assert main(["score", str(call_file), "--checklist", CHECKLIST, "--format", "json"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["checklist_id"] == "cold_call" and card["checklist_version"] == 1
    assert {"score", "critical_failed", "unscorable", "items", "metrics", "handover", "models"} <= set(card)
    item = card["items"][0]
    assert {"id", "title", "section", "skill", "result", "points", "weight", "confidence", "evidence"} <= set(
        item
    )
    assert {"segment", "start", "end", "quote"} <= set(item["evidence"][0])


def test_score_of_a_broken_transcript_is_unscorable(tmp_path: Path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"segments": [{"speaker": "client", "start": 0, "end": 1}', encoding="utf-8")
    assert main(["score", str(bad), "--checklist", CHECKLIST]) == 0
    assert "UNSCORABLE: invalid transcript" in capsys.readouterr().out


def test_score_refuses_a_bad_checklist(call_file, tmp_path: Path, capsys):
    checklist = tmp_path / "bad.yaml"
    checklist.write_text(
        "id: bad\ntitle: Плохой\nsections:\n  - title: S\n    items:\n      - id: x\n"
        "        title: X\n        skill: opening\n        weight: abc\n"
        "        detect: {phrases: {any: [да]}}\n",
        encoding="utf-8",
    )
    assert main(["score", str(call_file), "--checklist", str(checklist)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml, item 'x', field 'weight'" in err


def test_classify_reads_stdin(monkeypatch, capsys, tiny_classifiers):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Это дорого для нас.\n\nПришлите предложение на почту.\n"))
    assert main(["classify", "objection"]) == 0
    assert capsys.readouterr().out.splitlines() == ["price", "", "send_proposal"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("К чему приводят эти задержки?\n"))
    assert main(["classify", "spin", "--proba"]) == 0
    label, prob = capsys.readouterr().out.split()
    assert label == "implication" and 0 < float(prob) <= 1


def test_train_fills_the_cache_and_prints_versions(capsys, tiny_classifiers):
    assert main(["train", "spin", "value"]) == 0
    out = capsys.readouterr().out
    assert f"spin: version {tiny_classifiers['spin'].version}" in out and "cache: " in out
    assert main(["train", "mood"]) == 2
    assert "unknown classifier task 'mood'" in capsys.readouterr().err


def test_cv_prints_macro_f1(capsys, tiny_classifiers):
    assert main(["cv", "value", "--folds", "3"]) == 0
    assert re.search(r"value: n=\d+ folds=3 macro-F1=\d\.\d{3}", capsys.readouterr().out)


def test_evaluate_reports_agreement_and_kappa(tmp_path: Path, capsys, tiny_classifiers):
    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(make_call(GATEKEEPER_CALL)), encoding="utf-8")
    (folder / "b.json").write_text(json.dumps(make_call(GATEKEEPER_CALL[6:])), encoding="utf-8")
    gold = {
        "a.json": {"gk_intro": "pass", "talk_share": "pass"},
        "b.json": {"gk_intro": "na", "talk_share": "fail"},
    }
    (folder / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert main(["evaluate", str(folder), "--checklist", CHECKLIST, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["pairs"] == 4
    assert report["items"]["gk_intro"]["agreement"] == 1.0
    assert main(["evaluate", str(folder), "--checklist", CHECKLIST]) == 0
    assert "overall: 2 files, 4 labels" in capsys.readouterr().out
    assert main(["evaluate", str(tmp_path), "--checklist", CHECKLIST]) == 2


def test_bench_reports_timings(capsys, tiny_classifiers):
    assert main(["bench", "--calls", "2", "--segments", "40", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["median_ms"] > 0 and result["cold_start_s"] > 0 and result["peak_rss_mb"] > 0


def test_report_shows_evidence_and_na_reasons(tiny_classifiers):
    card = score(make_call(GATEKEEPER_CALL[6:]), load_checklist(CHECKLIST))
    text = render_scorecard(card)
    assert "– n/a   gk_intro" in text and "the decision maker answered directly" in text
    assert json.loads(render_scorecard(card, "json"))["score"] == card.score
    with pytest.raises(ValueError):
        render_scorecard(card, "xml")


def test_cohen_kappa():
    assert cohen_kappa([("pass", "pass"), ("fail", "fail")]) == 1.0
    assert cohen_kappa([]) is None and cohen_kappa([("na", "na")]) is None
    pairs = (
        [("pass", "pass")] * 20 + [("pass", "fail")] * 5 + [("fail", "pass")] * 10 + [("fail", "fail")] * 15
    )
    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_gold_parts_are_merged_and_evaluated(tmp_path: Path, tiny_classifiers):
    (tmp_path / "_gold_a.json").write_text(json.dumps({"x.json": {"monologue": "pass"}}), encoding="utf-8")
    (tmp_path / "_gold_b.json").write_text(json.dumps({"y.json": {"monologue": "fail"}}), encoding="utf-8")
    assert set(load_gold(tmp_path)) == {"x.json", "y.json"}
    (tmp_path / "x.json").write_text(
        json.dumps(make_call([(C, "Алло, слушаю."), *GATEKEEPER_CALL[7:]])), encoding="utf-8"
    )
    result = evaluate_dir(tmp_path, load_checklist(CHECKLIST))
    assert result.missing == ["y.json"] and result.overall()["agreement"] == 1.0


def test_scoring_modules_import_no_web_or_database_framework():
    modules = [
        "scoring",
        "scoring.engine",
        "scoring.checklist",
        "scoring.classifiers",
        "scoring.metrics",
        "scoring.report",
        "scoring.cli_text",
        "scoring.bench",
        "scoring.evaluation",
        "scoring.structure",
        "scoring.detectors",
        "scoring.text",
        "scoring.transcript",
        "scoring.__main__",
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n    importlib.import_module(name)\n"
        "import scoring.detectors as d; d.detector_names()\n"
        "print(','.join(sorted(n for n in sys.modules if n.split('.')[0] in "
        "{'flask', 'sqlalchemy', 'flask_sqlalchemy', 'wtforms', 'rq', 'app'})))"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_unknown_objection_free_dm_call_keeps_manager_turns(tiny_classifiers):
    card = score(
        make_call(
            [
                (C, "Алло, Смирнов, слушаю."),
                (M, "Добрый день, меня зовут Ольга, компания «Альфа»."),
                *GATEKEEPER_CALL[8:18],
            ]
        ),
        load_checklist(CHECKLIST),
    )
    assert card.item("open_intro").result == "pass" and card.item("obj_acknowledge").result == "na"
