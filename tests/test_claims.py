"""Claims from training hold over seeds: every cell that states one records it (make claims),
and the stored seed studies behind them are complete, current and reproducible."""

import json

import nbformat
import pytest

import book_helpers as bh
import claims
import studies
from conftest import LECTURES, ROOT, ids

CLAIM = {"claim": "the GRU is above the RNN", "seeds": 5, "spread": "sd",
         "split": "validation", "assert": "assert gru.mean() > rnn.mean()"}
TRAINED = {"tolerance": {"rel": 0.1, "why": "float32 training"}}


def notebook(tmp_path, *cells, name="ch99_demo.ipynb"):
    """A notebook of code cells given as (source, metadata)."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source, metadata=meta) for source, meta in cells]
    path = tmp_path / name
    nbformat.write(nb, path)
    return path


# ---- the book's notebooks ----------------------------------------------------------------


@pytest.mark.parametrize("path", LECTURES, ids=ids(LECTURES))
def test_every_claim_from_training_is_recorded_over_seeds(path):
    _, problems = claims.collect([path])
    assert not problems, "\n".join(problems)


def test_make_claims_lists_the_book_s_claims(capsys):
    assert claims.main([]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(f"claims in {len(LECTURES)} notebooks")


# ---- the rule itself: it catches what it must -------------------------------------------


def test_a_trained_comparison_without_a_record_is_a_problem(tmp_path):
    path = notebook(tmp_path, ("x = 1", {}),
                    ("gru, rnn = 0.7, 0.6\nassert gru > rnn, 'GRU wins'", TRAINED))
    _, problems = claims.collect([path])
    assert problems == ["ch99_demo.ipynb code cell 1: its digits come from training and it "
                        "asserts a comparison, but it records no claims (or no_claim)"]


def test_a_recorded_claim_over_seeds_passes_and_is_listed(tmp_path):
    source = ("import numpy as np\ngru, rnn = np.ones(5), np.zeros(5)\n"
              "assert gru.mean() > rnn.mean()")
    path = notebook(tmp_path, (source, {**TRAINED, "claims": [CLAIM]}))
    rows, problems = claims.collect([path])
    assert problems == []
    assert rows == [{"notebook": "ch99_demo.ipynb", "cell": 0, **CLAIM}]


def test_no_claim_with_its_reason_passes(tmp_path):
    path = notebook(tmp_path, ("loss = 0.1\nassert loss < 0.5", {**TRAINED,
                                                                 "no_claim": "training ran"}))
    assert claims.collect([path])[1] == []


@pytest.mark.parametrize("change, says", [
    ({"seeds": 1}, "seeds must be an integer of at least 3"),
    ({"seeds": True}, "seeds must be an integer"),
    ({"spread": "range"}, "spread must be one of"),
    ({"split": "dev"}, "split must be one of"),
    ({"assert": "assert gru.mean() > 2 * rnn.mean()"}, "no assert of the cell contains"),
    ({"claim": " "}, "the claim is empty"),
    ({"seeds_used": 5}, "keys must be"),
    ({"study": "ch99-missing"}, "is not stored"),
])
def test_a_bad_record_is_refused_with_what_is_wrong(tmp_path, change, says):
    source = "gru, rnn = 0.7, 0.6\nassert gru.mean() > rnn.mean()"
    path = notebook(tmp_path, (source, {**TRAINED, "claims": [{**CLAIM, **change}]}))
    _, problems = claims.collect([path])
    assert len(problems) == 1 and says in problems[0], problems


def test_removing_the_assert_breaks_the_record(tmp_path):
    path = notebook(tmp_path, ("gru, rnn = 0.7, 0.6\nprint(gru > rnn)",
                               {**TRAINED, "claims": [CLAIM]}))
    assert "no assert of the cell contains" in claims.collect([path])[1][0]


def test_reading_a_study_needs_a_record_and_defining_the_helper_does_not(tmp_path):
    path = notebook(tmp_path, ("def load_study(name):\n    return {}", {}),
                    ("study = load_study('ch05-name-classifiers')", {}))
    problems = claims.collect([path])[1]
    assert problems == ["ch99_demo.ipynb code cell 1: reads a stored study but records no "
                        "claims"]


def test_both_records_and_empty_reasons_are_refused(tmp_path):
    both = notebook(tmp_path, ("assert 1 < 2", {**TRAINED, "claims": [CLAIM], "no_claim": "x"}),
                    name="ch98_both.ipynb")
    empty = notebook(tmp_path, ("assert 1 < 2", {**TRAINED, "no_claim": ""}))
    assert any("both" in p for p in claims.collect([both])[1])
    assert any("needs the reason" in p for p in claims.collect([empty])[1])


def test_equality_asserts_and_untrained_cells_state_no_claim(tmp_path):
    path = notebook(tmp_path, ("assert n == 3", TRAINED), ("assert 0.1 < 0.2", {}))
    assert claims.collect([path])[1] == []


# ---- stored seed studies ------------------------------------------------------------------

STUDY_CELL = '''STUDIES = {"ch99-demo": {"arms": {"small": {"scale": 1.0}, "big": {"scale": 2.0}},
                         "seeds": [0, 1, 2]}}


def study_run(name, config, seed, max_steps=None):
    """A stand-in training run: losses that depend on the seed and the config."""
    rng = random.Random(seed)
    losses = []
    for step in range(8 if max_steps is None else max_steps):
        losses.append(config["scale"] / (step + 1) + rng.random() / 100)
    return {"metrics": {"final": losses[-1]}, "losses": losses}
'''


@pytest.fixture
def study_root(tmp_path, monkeypatch):
    """A repository of one notebook with a study, and the study module pointed at it."""
    (tmp_path / "notebooks").mkdir()
    notebook(tmp_path / "notebooks", ("import random", {}), ("print('not in the study')", {}),
             (STUDY_CELL, {"tags": ["study"]}))
    monkeypatch.setattr(studies, "ROOT", tmp_path)
    monkeypatch.setattr(studies, "STUDIES_DIR", tmp_path / "trained" / "studies")
    return tmp_path


def test_a_study_runs_every_arm_and_seed_and_checks(study_root):
    stored = studies.run("ch99-demo", log=lambda line: None)
    assert sorted(stored["runs"]) == ["big", "small"]
    assert all(sorted(runs) == ["0", "1", "2"] for runs in stored["runs"].values())
    assert stored["runs"]["big"]["1"]["updates"] == 8
    assert "reproduced" in studies.check("ch99-demo")


def test_a_stopped_study_resumes_and_an_incomplete_one_is_refused(study_root):
    stored = studies.run("ch99-demo", log=lambda line: None)
    del stored["runs"]["big"]["2"]
    studies.stored_path("ch99-demo").write_text(json.dumps(stored))
    with pytest.raises(studies.StudyError, match="incomplete"):
        studies.check("ch99-demo")
    ran = []
    studies.run("ch99-demo", log=ran.append)
    assert len(ran) == 1 and "big seed 2" in ran[0]


def test_a_changed_study_cell_makes_the_stored_study_stale(study_root):
    studies.run("ch99-demo", log=lambda line: None)
    path = study_root / "notebooks" / "ch99_demo.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[2].source = nb.cells[2].source.replace("/ 100", "/ 10")
    nbformat.write(nb, path)
    with pytest.raises(studies.StudyError, match="stale"):
        studies.check("ch99-demo")


def test_stored_losses_that_this_code_does_not_give_are_refused(study_root):
    stored = studies.run("ch99-demo", log=lambda line: None)
    stored["runs"]["small"]["0"]["first_losses"][1] += 0.01
    studies.stored_path("ch99-demo").write_text(json.dumps(stored))
    with pytest.raises(studies.StudyError, match="first 3 updates"):
        studies.check("ch99-demo")


def test_unknown_or_unstored_studies_say_what_to_run(study_root):
    with pytest.raises(studies.StudyError, match="no notebook declares"):
        studies.run("ch99-nothing")
    with pytest.raises(studies.StudyError, match="make study NAME=ch99-demo"):
        studies.check("ch99-demo")


def test_study_run_must_return_metrics_and_losses():
    with pytest.raises(studies.StudyError, match="must return"):
        studies.check_result("ch99-demo", {"metrics": {}})
    with pytest.raises(studies.StudyError, match="no training losses"):
        studies.check_result("ch99-demo", {"metrics": {}, "losses": []})


@pytest.mark.parametrize("name", [None, "demo", "ch5-x", "CH05-X"])
def test_load_study_refuses_a_bad_name(name):
    with pytest.raises(ValueError, match="a study name looks like"):
        bh.load_study(name)


def test_load_study_says_how_to_make_a_missing_study():
    with pytest.raises(FileNotFoundError, match="make study NAME=ch99-nothing"):
        bh.load_study("ch99-nothing")


BOOK_STUDIES = sorted(studies.find_notebooks())


@pytest.mark.parametrize("name", BOOK_STUDIES)
def test_each_stored_study_is_current_and_reproduces_its_first_updates(name):
    print(studies.check(name))
    stored = bh.load_study(name)  # complete, as the notebook reads it
    assert stored["notebook"] == f"notebooks/{studies.notebook_of(name).name}"


def test_every_stored_study_file_belongs_to_a_notebook():
    stored = sorted(p.stem for p in (ROOT / "trained" / "studies").glob("*.json"))
    assert stored == [n for n in BOOK_STUDIES if n in stored], \
        f"stored studies that no notebook declares: {set(stored) - set(BOOK_STUDIES)}"
