"""Request bodies that stream from disk, report progress and honour cancel *while* sending.

Darktable and digiKam check cancel only between files, which makes one big upload deaf to the
user. These readers are file-like objects with a length, so ``requests`` sends a Content-Length
and pulls 16 KiB at a time; every pull checks the cancel flag and reports progress.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

OnBytes = Callable[[int], None]
"""Called before each block with the number of body bytes sent so far (may raise Cancelled)."""


class FileSlice:
    """Bytes ``start`` to ``start + length`` of a file, read lazily in blocks."""

    def __init__(self, path: Path, start: int, length: int, on_bytes: OnBytes) -> None:
        self._handle: BinaryIO = path.open("rb")
        self._handle.seek(start)
        self._left = length
        self._length = length
        self._on_bytes = on_bytes

    def __len__(self) -> int:
        return self._length

    def read(self, size: int = -1) -> bytes:
        self._on_bytes(self._length - self._left)
        if self._left <= 0:
            return b""
        want = self._left if size is None or size < 0 else min(size, self._left)
        block = self._handle.read(want)
        self._left -= len(block)
        if not block:
            self._left = 0
        return block

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> FileSlice:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class IterStream:
    """A body produced by a generator whose total length is known in advance.

    Lets a connector build e.g. a base64 JSON body piece by piece (never whole in memory) and
    still send a Content-Length, which more servers accept than chunked encoding.
    """

    def __init__(self, pieces: Iterable[bytes], length: int, on_bytes: OnBytes) -> None:
        self._pieces: Iterator[bytes] = iter(pieces)
        self._buffer = b""
        self._sent = 0
        self._length = length
        self._on_bytes = on_bytes

    def __len__(self) -> int:
        return self._length

    def read(self, size: int = -1) -> bytes:
        self._on_bytes(self._sent)
        want = 1 << 16 if size is None or size < 0 else size
        while len(self._buffer) < want:
            piece = next(self._pieces, None)
            if piece is None:
                break
            self._buffer += piece
        block, self._buffer = self._buffer[:want], self._buffer[want:]
        self._sent += len(block)
        return block
