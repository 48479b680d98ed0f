"""Write outputs all or nothing, and only where asked.

A folder of outputs is built in a fresh staging folder beside its target and
swapped into place only when complete, so a refused, failed or killed run
leaves the previous output exactly as it was, and files of an earlier run
never stay mixed with new ones.  Staging folders left by killed runs are
swept away by the next run into the same folder.  Every file name is checked
to fall inside the folder.  A single output file is written beside its name
and renamed into place.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from scorepack.errors import InputError, Problem, RunError
from scorepack.service.cache import holding


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_bytes(path: Path, data: bytes) -> None:
    """The one place output bytes reach the disk."""
    with open(path, "wb") as fh:
        fh.write(data)
    os.chmod(path, 0o666 & ~_umask())


def _as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _cannot_write(exc: OSError, target: Path) -> RunError:
    where = exc.filename or str(target)
    return RunError(
        [
            Problem(
                str(where),
                None,
                None,
                f"could not write: {exc.strerror or exc}; {target} was left as it was",
            )
        ]
    )


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refusing any name that could land outside ``folder``."""
    rel = PurePosixPath(name)
    bad = (
        not name
        or "\\" in name
        or "\0" in name
        or rel.is_absolute()
        or any(part in ("", ".", "..") for part in rel.parts)
    )
    target = folder / rel
    if bad or not target.resolve().is_relative_to(folder.resolve()):
        raise InputError(
            [Problem(name, None, None, "this output name would fall outside the output folder")]
        )
    return target


def check_folder(out: Path, marker: str) -> None:
    """Refuse a target that is a file, or a folder of files scorepack did not write."""
    if out.exists() and not out.is_dir():
        raise InputError([Problem(str(out), None, None, "is a file; give a folder to write into")])
    if out.is_dir() and any(out.iterdir()) and not (out / marker).exists():
        raise InputError(
            [
                Problem(
                    str(out),
                    None,
                    None,
                    "folder holds files scorepack did not write; give a new or empty folder",
                )
            ]
        )


def _sweep(out: Path) -> None:
    """Remove what runs killed half-way left beside ``out`` (called holding its lock)."""
    if not out.parent.is_dir():
        return
    pattern = glob.escape(str(out.parent / f".{out.name}.")) + "*"
    for leftover in sorted(glob.glob(pattern)):
        path = Path(leftover)
        if path.name.startswith(f".{out.name}.old-") and not out.exists():
            os.rename(path, out)  # killed between the two renames of a swap
        elif ".staging-" in path.name or ".old-" in path.name:
            shutil.rmtree(path, ignore_errors=True)


def _swap(stage: Path, out: Path) -> None:
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.rename(out, old)
        os.rename(stage, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(stage, out)


@contextlib.contextmanager
def staged_folder(out: Path, marker: str, note: str = "") -> Iterator[Path]:
    """A fresh folder to fill; on a clean exit it replaces ``out`` whole.

    Holds a lock on ``out`` throughout, so two runs never write the same folder.
    """
    out = Path(os.path.abspath(out))
    check_folder(out, marker)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with holding(out, f"the folder {out}"):
            _sweep(out)
            check_folder(out, marker)
            stage = out.with_name(f".{out.name}.staging-{os.getpid()}")
            shutil.rmtree(stage, ignore_errors=True)
            stage.mkdir()
            try:
                yield stage
                _write_bytes(stage / marker, note.encode("utf-8"))
                _swap(stage, out)
            finally:
                shutil.rmtree(stage, ignore_errors=True)
    except OSError as exc:
        raise _cannot_write(exc, out) from None


def write_folder(stage: Path, files: Mapping[str, str | bytes]) -> list[str]:
    """Write ``files`` (relative name -> content) into a staging folder."""
    for name, content in files.items():
        target = inside(stage, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_bytes(target, _as_bytes(content))
    return list(files)


def write_file(path: Path, content: str | bytes) -> Path:
    """Write one file beside its name and rename it into place."""
    if path.is_dir():
        raise InputError([Problem(str(path), None, None, "is a folder; give a file name")])
    temp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_bytes(temp, _as_bytes(content))
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _cannot_write(exc, path) from None
    return path


def write_all(files: Mapping[Path, str | bytes]) -> list[Path]:
    """Write each file beside its name and rename it into place (single files, not a pack)."""
    return [write_file(path, content) for path, content in files.items()]
