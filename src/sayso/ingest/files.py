"""Local files as untrusted input: names, kinds of file, folder walks and capped reads.

Nothing here opens a file before knowing it is a regular file (a FIFO would block, a device
would never end), and nothing reads more than a cap, compressed or not: every problem is a
``InputError`` with a short reason, so one bad entry never stops a run.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import os
import stat
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote_from_bytes, unquote_to_bytes

from sayso.model import InputError

# Any one file, JSONL line or decompressed stream: no news article comes near it.
MAX_FILE_BYTES = 50 * 1024 * 1024
READ_CHUNK = 1024 * 1024


# UTF-32 first: its little-endian mark starts with UTF-16's.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes) -> str:
    """Decode file bytes exactly (no newline translation), or explain why not: UTF-8, or
    UTF-16/32 when the bytes start with its byte-order mark (the mark is not kept)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError("bad_encoding", f"invalid {codec.upper()} at byte {exc.start}"
                                 ) from exc
    if b"\x00" in data[:8192]:
        raise InputError("binary", "binary input: contains NUL bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError("bad_encoding", f"invalid UTF-8 at byte {exc.start}") from exc


def has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def source_name(path: Path) -> str:
    """The path as stored: as given when it is valid Unicode, else a ``file://`` URI whose
    percent-escapes keep every byte of the name (lossless; ``path_of`` reverses it)."""
    text = str(path)
    if not has_surrogates(text):
        return text
    return "file://" + quote_from_bytes(os.fsencode(path.absolute()))


def path_of(source: str) -> Path:
    """The file behind a stored source name (a plain path or a ``file://`` URI)."""
    if source.startswith("file://"):
        return Path(os.fsdecode(unquote_to_bytes(source[len("file://"):])))
    return Path(source)


def printable(text: str) -> str:
    """A name fit for ids and messages: undecodable bytes shown as ``\\xNN``."""
    if not has_surrogates(text):
        return text
    return os.fsencode(text).decode("utf-8", "backslashreplace")


def inspect(path: Path) -> os.stat_result:
    """``stat`` of what the path points to, or the reason it points nowhere useful."""
    try:
        return os.stat(path)
    except OSError as exc:
        raise _stat_error(path, exc) from exc


def _stat_error(path: Path, exc: OSError) -> InputError:
    if exc.errno == errno.ELOOP:
        return InputError("loop", "symbolic link loop")
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return InputError("dangling_link", f"link to missing {printable(os.readlink(path))}")
        return InputError("not_found", "no such file or folder")
    return InputError("unreadable", printable(exc.strerror or str(exc)))


def refuse_irregular(info: os.stat_result) -> None:
    """FIFOs, sockets and devices are never opened: a read could block or never end."""
    if not stat.S_ISREG(info.st_mode):
        kind = ("FIFO" if stat.S_ISFIFO(info.st_mode) else "socket" if stat.S_ISSOCK(info.st_mode)
                else "device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                else "special file")
        raise InputError("not_regular", f"{kind}, not a regular file")


def walk(folder: Path, wanted: Callable[[str], bool]
         ) -> Iterator[tuple[Path, InputError | None]]:
    """Files under ``folder`` whose name is ``wanted``, in sorted order, each with the reason it
    cannot be read (or None). Linked folders are followed once: a link back to a folder being
    walked is reported as a ``loop`` instead of being walked forever. Iterative, so a hostile
    nesting thousands of folders deep cannot exhaust the stack."""
    top = _listing(folder)
    if isinstance(top, InputError):
        yield folder, top
        return
    stack = [(iter(top), folder, frozenset({_key(os.stat(folder))}))]
    while stack:
        names, parent, ancestors = stack[-1]
        name = next(names, None)
        if name is None:
            stack.pop()
            continue
        path = parent / name
        try:
            info = inspect(path)
        except InputError as exc:
            if wanted(name):
                yield path, exc
            continue
        if stat.S_ISDIR(info.st_mode):
            if _key(info) in ancestors:
                yield path, InputError("loop", "links back to a folder that contains it")
                continue
            listing = _listing(path)
            if isinstance(listing, InputError):
                yield path, listing
            else:
                stack.append((iter(listing), path, ancestors | {_key(info)}))
        elif wanted(name):
            yield path, None if stat.S_ISREG(info.st_mode) else _irregular(info)


def _key(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _listing(folder: Path) -> list[str] | InputError:
    try:
        return sorted(os.listdir(folder))
    except OSError as exc:
        return InputError("unreadable", printable(exc.strerror or str(exc)))


def _irregular(info: os.stat_result) -> InputError:
    try:
        refuse_irregular(info)
    except InputError as exc:
        return exc
    raise AssertionError("a regular file is not irregular")


def open_regular(path: Path) -> BinaryIO:
    """Open for reading without ever blocking: O_NONBLOCK, then a check of what was opened
    (the name may have been swapped for a FIFO since it was inspected)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _stat_error(path, exc) from exc
    try:
        refuse_irregular(os.fstat(fd))
    except InputError:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_capped(stream: BinaryIO, cap: int = MAX_FILE_BYTES) -> bytes:
    """At most ``cap`` bytes; more is ``too_large``. A gzip stream is inflated only up to
    the cap, so a small bomb never expands in memory."""
    try:
        data = stream.read(cap + 1)
    except EOFError as exc:  # gzip member cut short
        raise InputError("truncated", f"compressed data ends early: {exc}") from exc
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise InputError("unreadable", f"bad compressed data: {exc}") from exc
    except OSError as exc:
        raise InputError("unreadable", printable(exc.strerror or str(exc))) from exc
    if len(data) > cap:
        raise InputError("too_large", f"too large: more than {cap} bytes")
    return data


def capped_lines(stream: BinaryIO, cap: int = MAX_FILE_BYTES
                 ) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line; a line longer than ``cap`` comes as None and is
    skipped in chunks, never held whole."""
    number = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        number += 1
        if len(line) <= cap or line.endswith(b"\n"):
            yield number, line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(READ_CHUNK)
        yield number, None


def is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


@contextmanager
def opened(path: Path, inflate: bool = True) -> Iterator[BinaryIO]:
    """A regular file, inflated as a stream when its name ends in ``.gz`` and ``inflate``."""
    with open_regular(path) as raw:
        if inflate and is_gzip(path):
            with gzip.GzipFile(fileobj=raw, mode="rb") as inflated:
                yield inflated  # type: ignore[misc]
        else:
            yield raw
