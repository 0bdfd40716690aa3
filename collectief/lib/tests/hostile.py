"""Hostile files, built in memory: what an attacker would upload to exhaust the server.

Shared by the tests (small sizes, the limits stay the defaults) and by
``bench/imports_memory.py`` (the sizes of issue 8 point 5).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from openpyxl import Workbook


def _xlsx_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sparse_xlsx() -> bytes:
    """One cell in A1 and one in XFD1048576: a declared sheet of 17 billion cells (~8 KB)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "naam"
    sheet["XFD1048576"] = "x"
    return _xlsx_bytes(workbook)


def rewrite_zip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """A copy of a zip with some members replaced (bytes) or left out (None)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in change:
                replacement = change[info.filename]
                if replacement is not None:
                    target.writestr(info.filename, replacement)
            else:
                target.writestr(info.filename, source.read(info))
    return out.getvalue()


def undimensioned_sparse_xlsx() -> bytes:
    """The sparse sheet without its <dimension> element: only reading can find its size."""
    data = sparse_xlsx()
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    start = sheet.index(b"<dimension")
    end = sheet.index(b"/>", start) + 2
    return rewrite_zip(data, {"xl/worksheets/sheet1.xml": sheet[:start] + sheet[end:]})


def huge_cell_xlsx(megabytes: int) -> bytes:
    """A workbook whose one shared string is ``megabytes`` MB of spaces (compresses ~1000×)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "antwoord"
    sheet["A2"] = "placeholder"
    data = _xlsx_bytes(workbook)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if b"placeholder" not in content:
                target.writestr(info.filename, content)
                continue
            # The text sits inline in the sheet or in the shared strings, as the writer chose.
            before, after = content.split(b"placeholder", 1)
            with target.open(info.filename, "w", force_zip64=True) as member:
                member.write(before)
                block = b" " * (1024 * 1024)
                for _ in range(megabytes):
                    member.write(block)
                member.write(after)
    return out.getvalue()


def csv_rows(count: int) -> bytes:
    """A CSV with ``count`` short rows (2 million rows ≈ 20 MB), built from a repeated block."""
    block = b"".join(b"b%d;%d;K\n" % (number, 20 + number % 60) for number in range(1000))
    return b"naam;leeftijd;wijk\n" + block * (count // 1000)


def zip_bomb(megabytes: int, name: str = "organizations.csv") -> bytes:
    """A zip whose one member is ``megabytes`` MB of zeros, honestly declared."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", b'{"resources": []}')
        with archive.open(name, "w", force_zip64=True) as member:
            block = b"0" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
    return out.getvalue()


def under_declared_zip(
    megabytes: int, declared: int = 1000, name: str = "organizations.csv"
) -> bytes:
    """A zip that says its member unpacks to ``declared`` bytes but holds ``megabytes`` MB.

    The CRC is that of the first ``declared`` bytes, so a reader that trusts
    the declared size sees a valid, tiny file.
    """
    block = b"x" * (1024 * 1024)
    head = b"id,name\n" + block
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", b'{"resources": []}')
        with archive.open(name, "w") as member:  # streamed: the payload is never held whole
            member.write(head)
            for _ in range(megabytes - 1):
                member.write(block)
    data = bytearray(out.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name)
    crc = zlib.crc32(head[:declared])
    # Local file header: CRC at +14, uncompressed size at +22.
    struct.pack_into("<L", data, info.header_offset + 14, crc)
    struct.pack_into("<L", data, info.header_offset + 22, declared)
    # Central directory entry of the same member: CRC at +16, uncompressed size at +24.
    entry = data.rindex(name.encode()) - 46  # the last copy of the name is in the directory
    assert data[entry : entry + 4] == b"PK\x01\x02"
    struct.pack_into("<L", data, entry + 16, crc)
    struct.pack_into("<L", data, entry + 24, declared)
    return bytes(data)


def deep_json(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth
