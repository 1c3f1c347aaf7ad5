"""Zip files are checked by the bytes they really unpack to, never by the sizes they declare
(issue 9, M6), for `xdd import` and the web alike; a damaged entry is a message, not a traceback."""

import io
import os
import struct
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xaydungdang.interchange.readers import scan_zip

ORGS = "code,name,kind,parent_code,established_on\nP,Đảng bộ tỉnh Thử,provincial,,2015-01-01\n"


def zip_bytes(entries: dict, method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def bomb(size: int = 8 * 1024 * 1024) -> bytes:
    """A CSV that compresses about a thousand times, like the 408 KB zip holding 400 MB."""
    return zip_bytes({"organizations.csv": ORGS + "P,x,provincial,,2015-01-01\n" * (size // 27)})


def lying(data: bytes, declared: int) -> bytes:
    """The same zip with every entry declaring `declared` bytes once unpacked (local and central headers)."""
    raw = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = raw.find(signature)
        while start != -1:
            raw[start + offset : start + offset + 4] = struct.pack("<I", declared)
            start = raw.find(signature, start + 4)
    return bytes(raw)


def bad_crc(text: str = ORGS) -> bytes:
    """A stored entry whose content no longer matches its CRC."""
    data = bytearray(zip_bytes({"organizations.csv": text}, zipfile.ZIP_STORED))
    at = data.find(b"provincial")
    data[at] = ord("X")
    return bytes(data)


def test_a_bomb_is_refused_by_its_ratio_before_reading():
    problem = scan_zip(io.BytesIO(bomb()), "bom.zip")
    assert problem and "bom.zip" in problem and "nở ra hơn 200 lần" in problem


def test_declared_sizes_are_not_trusted():
    data = lying(bomb(), 1000)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:  # the headers say 1.000 bytes: the old check passes
        assert all(i.file_size == 1000 for i in zf.infolist())
    problem = scan_zip(io.BytesIO(data), "noi-doi.zip")
    assert problem and "noi-doi.zip" in problem


def test_total_and_per_entry_limits_count_real_bytes(settings):
    settings.XDD_MAX_UPLOAD_BYTES = 200 * 1024  # one entry at most 200 KB, all of them 1 MB
    noise = os.urandom(90 * 1024).hex()  # 180 KB of text compressing about twice
    assert scan_zip(io.BytesIO(zip_bytes({"organizations.csv": noise})), "a.zip") is None
    problem = scan_zip(io.BytesIO(zip_bytes({"organizations.csv": noise * 2})), "mot-muc.zip")
    assert "mot-muc.zip" in problem and "mục organizations.csv" in problem and "giới hạn một tệp" in problem
    many = zip_bytes({f"t{i}.csv": noise for i in range(7)})
    problem = scan_zip(io.BytesIO(many), "tong.zip")
    assert "tong.zip" in problem and "XDD_MAX_UNCOMPRESSED_BYTES" in problem


def test_too_many_entries_and_odd_methods():
    problem = scan_zip(io.BytesIO(zip_bytes({f"{i}.csv": "a" for i in range(1001)})), "nhieu.zip")
    assert "nhieu.zip" in problem and "1.001 mục" in problem
    problem = scan_zip(io.BytesIO(zip_bytes({"organizations.csv": ORGS}, zipfile.ZIP_BZIP2)), "bz.zip")
    assert "bz.zip" in problem and "kiểu nén không được hỗ trợ" in problem


def test_bad_crc_is_a_message():
    problem = scan_zip(io.BytesIO(bad_crc()), "hong.zip")
    assert problem == (
        "Tệp nén hong.zip bị hỏng: mục organizations.csv không giải nén được (sai mã kiểm tra CRC); không nhập."
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make, expected", [(bomb, "độc hại"), (lambda: lying(bomb(), 1000), "bom.zip"), (bad_crc, "sai mã kiểm tra CRC")]
)
def test_xdd_import_refuses_with_the_same_checks(tmp_path, capsys, make, expected):
    path = tmp_path / "bom.zip"
    path.write_bytes(make())
    with pytest.raises(CommandError):
        call_command("importdata", str(path), "--dry-run")
    err = capsys.readouterr().err
    assert expected in err and "bom.zip" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bom.zip"]  # nothing unpacked next to it


@pytest.mark.django_db
def test_a_good_zip_still_imports(tmp_path, capsys):
    path = tmp_path / "du-lieu.zip"
    path.write_bytes(zip_bytes({"organizations.csv": ORGS}))
    call_command("importdata", str(path), "--dry-run")
    assert "organizations: 1 dòng" in capsys.readouterr().out
