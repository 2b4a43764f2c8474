"""Reading an input file as text: a regular file, bounded in size, in a known encoding.

Bureaus exchange files written on Windows: UTF-8 with or without a byte-order mark, and GB18030
(of which GBK and GB2312 are subsets). UTF-8 is tried first (it is strict enough that GB18030 text
almost never passes as UTF-8), then GB18030; ``encoding`` (``--encoding``) overrides the guess.
An Excel workbook or other binary file is named as such, not decoded into garbage. A FIFO,
device or directory is refused before it is opened (``/dev/zero`` would exhaust memory, a FIFO
would hang).
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

ENCODINGS = ("utf-8", "gb18030", "gbk")  # what --encoding accepts
_UTF8_BOM = b"\xef\xbb\xbf"
# Office formats: xlsx/docx (a zip), xls/doc (OLE compound file)
_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_NOT_TEXT = "不是文本文件：是否为 Excel？请导出为 YAML/JSON（UTF-8）后再读入"


class TextFileError(ValueError):
    """The file cannot be read as a text document; the message says why."""


def read_text(path: Path, max_bytes: int, encoding: str | None = None) -> str:
    """The file's text, or :class:`TextFileError`."""
    data = read_bytes(path, max_bytes)
    return decode(data, encoding)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise TextFileError(f"无法读取文件：{exc.strerror}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise TextFileError("不是普通文件（目录、设备或管道），拒绝读取")
        if st.st_size > max_bytes:
            raise TextFileError(f"文件大小 {st.st_size} 字节，超过上限 {max_bytes} 字节")
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(max_bytes + 1)  # the file may grow after fstat
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise TextFileError(f"文件超过上限 {max_bytes} 字节")
    return data


def _refuse_binary(head: bytes) -> None:
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head[:8192]:
        raise TextFileError(_NOT_TEXT)


def _declared(encoding: str) -> str:
    """``--encoding``'s value, normalised (gbk, gb18030, utf-8), or :class:`TextFileError`."""
    name = encoding.lower().replace("_", "-")
    if name not in ENCODINGS:
        raise TextFileError(f"不支持的编码 {encoding}：应为 {' | '.join(ENCODINGS)}")
    return name


_NEITHER = "既不是 UTF-8 也不是 GB18030 文本：请另存为 UTF-8，或用 --encoding 指定编码"


def decode(data: bytes, encoding: str | None = None) -> str:
    """Text from bytes: the declared encoding, else UTF-8 (BOM or not), else GB18030."""
    _refuse_binary(data)
    if encoding is not None:
        name = _declared(encoding)
        return _strict(data.removeprefix(_UTF8_BOM) if name == "utf-8" else data, name)
    if data.startswith(_UTF8_BOM):
        return _strict(data[len(_UTF8_BOM) :], "utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise TextFileError(f"第 {utf8_error.start + 1} 字节起{_NEITHER}") from None
        if _controls(text):  # decodes, but as line noise: binary, not Chinese text
            raise TextFileError(_NOT_TEXT) from None
        return text


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise TextFileError(
            f"第 {exc.start + 1} 字节起不是有效的 {encoding.upper()} 文本（{exc.reason}）"
        ) from None
    if "\x00" in text:
        raise TextFileError(_NOT_TEXT)
    return text


def _controls(text: str) -> bool:
    return any(ord(c) < 32 and c not in "\t\n\r" for c in text)


def sniff(path: Path, encoding: str | None = None, block: int = 1 << 20) -> str:
    """The encoding of a file too large to read at once (a population to screen), checked over
    the whole file block by block: the declared one, else UTF-8 (a BOM or not), else GB18030;
    :class:`TextFileError` when it is neither, or binary."""
    with open(path, "rb") as fh:
        _refuse_binary(fh.read(8192))
    if encoding is not None:
        name = _declared(encoding)
        bad = _invalid_at(path, name, block)
        if bad is not None:
            raise TextFileError(f"第 {bad + 1} 字节起不是有效的 {name.upper()} 文本")
        return name
    bad = _invalid_at(path, "utf-8", block)
    if bad is None:
        return "utf-8"
    if _invalid_at(path, "gb18030", block) is None:
        return "gb18030"
    raise TextFileError(f"第 {bad + 1} 字节起{_NEITHER}")


def _invalid_at(path: Path, encoding: str, block: int) -> int | None:
    """Where the file's bytes stop being valid ``encoding`` (None: they never do)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    done = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(block):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return done + exc.start
            done += len(chunk)
    try:
        decoder.decode(b"", final=True)  # a character cut off at the end
    except UnicodeDecodeError:
        return done
    return None
