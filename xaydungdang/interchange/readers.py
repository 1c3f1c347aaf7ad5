"""Reading a dataset container: a folder of CSV files, one .xlsx workbook, or a .zip of CSVs.

Everything that can go wrong with a file (too big, not UTF-8, broken quoting, a cell of a
megabyte, a zip bomb, an xlsx that is not a zip) becomes an Issue naming the file and,
where there is one, the row; nothing here raises on bad input. Formulas are never
evaluated: openpyxl reads the values Excel cached (data_only=True) in read-only mode.
"""

import codecs
import csv
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from xaydungdang.core.formatting import integer
from xaydungdang.interchange.columns import MAX_CELL_CHARS
from xaydungdang.interchange.report import Issues
from xaydungdang.interchange.tables import resolve_table

# The help sheets of the template workbooks (interchange/templates.py): skipped without a word.
HELP_SHEET, LISTS_SHEET = "Hướng dẫn", "Danh mục"
HELP_SHEETS = frozenset({HELP_SHEET, LISTS_SHEET})

MAX_ZIP_ENTRIES = 1000
# A CSV compresses about 5-15 times; a ratio far beyond that is a bomb, not a dataset.
MAX_ZIP_RATIO = 200
ZIP_RATIO_FLOOR = 1024 * 1024  # small entries may compress arbitrarily well
# Only stored and deflated entries: zipfile decompresses those in bounded steps (bzip2 and
# lzma entries are inflated a whole compressed block at a time), and every tool writes deflate.
ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
SCAN_CHUNK = 1024 * 1024


@dataclass
class RawTable:
    name: str  # canonical table name
    source: str  # "members.csv", "du-lieu.xlsx, trang tính Members"
    headers: list
    rows: list = field(default_factory=list)  # (spreadsheet row number, tuple of cells)


def max_upload_bytes() -> int:
    return int(getattr(settings, "XDD_MAX_UPLOAD_BYTES", 100 * 1024 * 1024))


def max_uncompressed_bytes() -> int:
    return int(getattr(settings, "XDD_MAX_UNCOMPRESSED_BYTES", 5 * max_upload_bytes()))


def _mb(size: int) -> str:
    return integer(round(size / (1024 * 1024))) + " MB" if size >= 1024 * 1024 else integer(size) + " byte"


def too_big(size: int) -> bool:
    return size > max_upload_bytes()


def size_message(name: str, size: int) -> str:
    return (
        f"Tệp {name} có dung lượng {_mb(size)}, vượt giới hạn {_mb(max_upload_bytes())}; "
        "không nhập. Hãy chia nhỏ dữ liệu hoặc nhờ quản trị hệ thống nâng giới hạn XDD_MAX_UPLOAD_BYTES."
    )


def read_path(path, issues: Issues, warnings: Issues) -> dict[str, RawTable]:
    """The raw tables of a dataset at `path`; errors go to `issues`, skipped files to `warnings`."""
    path = Path(path)
    name = path.name or str(path)
    if not path.exists():
        issues.add(name, None, None, f"Không tìm thấy {path}.")
        return {}
    if path.is_dir():
        return read_csv_folder(path, issues, warnings)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, issues, warnings)
    if suffix == ".zip":
        return read_zip(path, issues, warnings)
    if suffix == ".xls":
        issues.add(name, None, None, f"Tệp {name} là định dạng Excel cũ (.xls); hãy lưu lại thành .xlsx.")
        return {}
    issues.add(
        name,
        None,
        None,
        f"Không đọc được {name}: cần một thư mục các tệp CSV, một tệp .xlsx hoặc một tệp .zip chứa các tệp CSV.",
    )
    return {}


def _add_table(tables: dict, table: RawTable | None, issues: Issues, place: str = "") -> None:
    if table is None:
        return
    if place and table.name not in tables:
        issues.names.places[table.name] = place
    if table.name in tables:
        issues.add(
            table.name,
            None,
            None,
            f"Bảng {table.name} xuất hiện hai lần ({tables[table.name].source} và {table.source}).",
        )
        return
    tables[table.name] = table


def _table_for_file(filename: str, warnings: Issues) -> str | None:
    stem, ext = posixpath.splitext(posixpath.basename(filename))
    if ext.lower() != ".csv":
        return None
    table = resolve_table(stem)
    if table is None:
        warnings.add(
            filename,
            None,
            None,
            f"Tệp {filename} không ứng với bảng dữ liệu nào (xem tên các bảng ở trang Nhập dữ liệu); bỏ qua.",
        )
    return table


def read_csv_folder(folder: Path, issues: Issues, warnings: Issues) -> dict[str, RawTable]:
    tables: dict[str, RawTable] = {}
    for entry in sorted(folder.iterdir()):
        if not entry.is_file() or entry.name.startswith("."):
            continue
        table = _table_for_file(entry.name, warnings)
        if table is None:
            continue
        size = entry.stat().st_size
        if too_big(size):
            issues.add(table, None, None, size_message(entry.name, size))
            continue
        issues.names.places.setdefault(table, f"Tệp «{entry.name}»")
        with open(entry, "rb") as handle:
            _add_table(tables, read_csv(handle, table, entry.name, issues), issues, f"Tệp «{entry.name}»")
    return tables


def _decoded_lines(binary, table: str, source: str, state: dict):
    """UTF-8 lines of a byte stream, tracking the physical line for messages. A BOM is
    dropped; a wrong encoding stops with state['error']."""
    for number, raw in enumerate(binary, start=1):
        state["line"] = number
        if number == 1:
            if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
                state["error"] = (
                    f"Tệp {source} được lưu bằng mã hóa UTF-16; hãy lưu lại dưới dạng "
                    '"CSV UTF-8 (phân cách bằng dấu phẩy)".'
                )
                return
            if raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
        if b"\x00" in raw:
            state["error"] = f"Tệp {source} chứa ký tự NUL (dòng {number}); đây không phải tệp CSV văn bản."
            return
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            state["error"] = (
                f"Tệp {source} không phải mã hóa UTF-8 (lỗi ở dòng {number}); có thể tệp được lưu "
                'bằng Windows-1258, TCVN3 hoặc VNI. Hãy lưu lại dưới dạng "CSV UTF-8".'
            )
            return


def read_csv(binary, table: str, source: str, issues: Issues) -> RawTable | None:
    """One CSV table from a binary stream (a file or a zip entry)."""
    state: dict = {"line": 0, "error": None}
    lines = _decoded_lines(binary, table, source, state)
    reader = csv.reader(lines, strict=True)
    headers = None
    rows = []
    record = 0
    try:
        for cells in reader:
            record += 1
            for index, cell in enumerate(cells):
                if len(cell) > MAX_CELL_CHARS:
                    issues.add(
                        table,
                        record,
                        None,
                        f"Ô thứ {index + 1} dài {integer(len(cell))} ký tự, vượt giới hạn "
                        f"{integer(MAX_CELL_CHARS)} ký tự (tệp {source}).",
                    )
                    return None
            if headers is None:
                headers = cells
                continue
            rows.append((record, tuple(cells)))
    except csv.Error as exc:
        detail = str(exc)
        if "field larger" in detail:
            message = f"Một ô dài vượt giới hạn {integer(MAX_CELL_CHARS)} ký tự (tệp {source})."
        elif "NUL" in detail:
            message = f"Tệp {source} chứa ký tự NUL; đây không phải tệp CSV văn bản."
        else:
            message = (
                f"Tệp {source} sai định dạng CSV gần dòng {state['line']}: dấu ngoặc kép không khớp hoặc dòng bị hỏng."
            )
        issues.add(table, record + 1, None, message)
        return None
    if state["error"]:
        issues.add(table, None, None, state["error"])
        return None
    if headers is None or not any(h.strip() for h in headers):
        issues.add(table, None, None, f"Tệp {source} trống: thiếu dòng tiêu đề.")
        return None
    return RawTable(table, source, headers, rows)


def _check_zip(archive: zipfile.ZipFile, name: str, table: str, issues: Issues) -> bool:
    """Refuse zip bombs before reading: too many entries, too many bytes once unpacked,
    or an entry compressed far beyond what real data allows."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        issues.add(table, None, None, f"Tệp nén {name} chứa {integer(len(infos))} mục, quá nhiều; không nhập.")
        return False
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > ZIP_RATIO_FLOOR and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            issues.add(
                table,
                None,
                None,
                f"Tệp nén {name}: mục {info.filename} nở ra {_mb(info.file_size)} từ "
                f"{_mb(info.compress_size)} — có dấu hiệu tệp nén độc hại; không nhập.",
            )
            return False
    if total > max_uncompressed_bytes():
        issues.add(
            table,
            None,
            None,
            f"Tệp nén {name} khi giải nén lớn {_mb(total)}, vượt giới hạn {_mb(max_uncompressed_bytes())}; không nhập.",
        )
        return False
    return True


def max_entry_bytes() -> int:
    """The most one entry of a zip may unpack to (one CSV file: the limit of a file on its own)."""
    return max_upload_bytes()


def scan_zip(source, name: str, entry_limit: int | None = None) -> str | None:
    """Unpack every entry of the zip `source` (a path or a seekable binary file) to nowhere,
    counting the bytes that actually come out: the sizes written in the zip are not trusted.
    Refuses (a Vietnamese message naming the file) too many entries, an entry or a total over
    the limits, a compression ratio only a bomb has, a damaged entry (bad CRC) and encrypted or
    exotic entries; None when the file may be read. Nothing is written anywhere. `entry_limit`
    defaults to the limit of one CSV file; a workbook's sheet (XML) may use the whole total."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return f"Tệp {name} bị hỏng hoặc không phải tệp nén zip hợp lệ."
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            return (
                f"Tệp nén {name} chứa {integer(len(infos))} mục, quá giới hạn {integer(MAX_ZIP_ENTRIES)} mục; "
                "không nhập."
            )
        total, total_limit = 0, max_uncompressed_bytes()
        entry_limit = entry_limit or max_entry_bytes()
        for info in infos:
            if info.is_dir():
                continue
            entry = info.filename
            if info.flag_bits & 0x1:
                return f"Tệp nén {name}: mục {entry} được đặt mật khẩu; hãy nén lại không đặt mật khẩu."
            if info.compress_type not in ZIP_METHODS:
                return (
                    f"Tệp nén {name}: mục {entry} dùng kiểu nén không được hỗ trợ; hãy nén lại theo kiểu "
                    "thông thường (Deflate)."
                )
            produced = 0
            try:
                with archive.open(info) as handle:
                    while chunk := handle.read(SCAN_CHUNK):
                        produced += len(chunk)
                        total += len(chunk)
                        if produced > entry_limit:
                            return (
                                f"Tệp nén {name}: mục {entry} khi giải nén lớn hơn {_mb(entry_limit)}, vượt giới "
                                "hạn một tệp; không nhập."
                            )
                        if total > total_limit:
                            return (
                                f"Tệp nén {name} khi giải nén lớn hơn {_mb(total_limit)}, vượt giới hạn "
                                "(XDD_MAX_UNCOMPRESSED_BYTES); không nhập."
                            )
                        if produced > ZIP_RATIO_FLOOR and produced > MAX_ZIP_RATIO * max(info.compress_size, 1):
                            return (
                                f"Tệp nén {name}: mục {entry} nở ra hơn {integer(MAX_ZIP_RATIO)} lần so với "
                                f"{_mb(info.compress_size)} nén — có dấu hiệu tệp nén độc hại; không nhập."
                            )
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
                detail = "sai mã kiểm tra CRC" if "CRC" in str(exc) else "dữ liệu nén bị hỏng"
                return f"Tệp nén {name} bị hỏng: mục {entry} không giải nén được ({detail}); không nhập."
    return None


def _open_zip(path: Path, table: str, issues: Issues, kind: str) -> zipfile.ZipFile | None:
    size = path.stat().st_size
    if too_big(size):
        issues.add(table, None, None, size_message(path.name, size))
        return None
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        issues.add(table, None, None, f"Tệp {path.name} không phải tệp {kind} hợp lệ (tệp hỏng hoặc sai định dạng).")
        return None
    # The sizes the zip declares first (cheap), then the bytes it really unpacks to.
    if not _check_zip(archive, path.name, table, issues):
        archive.close()
        return None
    problem = scan_zip(path, path.name, None if path.suffix.lower() == ".zip" else max_uncompressed_bytes())
    if problem:
        issues.add(table, None, None, problem)
        archive.close()
        return None
    return archive


def read_zip(path: Path, issues: Issues, warnings: Issues) -> dict[str, RawTable]:
    """A .zip of CSV files, at its root or inside one folder. Paths climbing out (../) or
    absolute are refused, deeper folders too; nothing is extracted to disk."""
    archive = _open_zip(path, path.name, issues, ".zip")
    if archive is None:
        return {}
    tables: dict[str, RawTable] = {}
    with archive:
        for info in archive.infolist():
            entry = info.filename.replace("\\", "/")
            if info.is_dir() or entry.startswith("__MACOSX/") or posixpath.basename(entry).startswith("."):
                continue
            parts = [p for p in entry.split("/") if p]
            if entry.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
                issues.add(
                    path.name, None, None, f'Tệp nén {path.name} chứa đường dẫn không an toàn "{entry}"; không nhập.'
                )
                return {}
            if len(parts) > 2:
                issues.add(
                    path.name,
                    None,
                    None,
                    f'Tệp nén {path.name} chứa thư mục lồng nhau ("{entry}"); '
                    "chỉ nhận các tệp CSV ở gốc hoặc trong một thư mục.",
                )
                return {}
            table = _table_for_file(entry, warnings)
            if table is None:
                continue
            place = f"Tệp «{posixpath.basename(entry)}»"
            issues.names.places.setdefault(table, place)
            try:
                with archive.open(info) as handle:
                    _add_table(tables, read_csv(handle, table, entry, issues), issues, place)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
                issues.add(table, None, None, f"Không giải nén được {entry} trong {path.name} ({type(exc).__name__}).")
    return tables


def read_xlsx(path: Path, issues: Issues, warnings: Issues) -> dict[str, RawTable]:
    archive = _open_zip(path, path.name, issues, "Excel .xlsx")
    if archive is None:
        return {}
    archive.close()
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many kinds on damaged files; all mean the same to a user
        issues.add(path.name, None, None, f"Tệp {path.name} bị hỏng hoặc không phải bảng tính Excel .xlsx hợp lệ.")
        return {}
    tables: dict[str, RawTable] = {}
    try:
        for sheet in workbook.worksheets:
            table = resolve_table(sheet.title)
            if table is None and sheet.title.strip() in HELP_SHEETS:
                continue
            if table is None:
                warnings.add(path.name, None, None, f"Trang «{sheet.title}» không ứng với bảng dữ liệu nào; bỏ qua.")
                continue
            place = f"Trang «{sheet.title}»"
            issues.names.places.setdefault(table, place)
            _add_table(
                tables, _read_sheet(sheet, table, f"{path.name}, trang tính «{sheet.title}»", issues), issues, place
            )
    except Exception:
        issues.add(path.name, None, None, f"Tệp {path.name} bị hỏng, không đọc hết được các trang tính.")
        return {}
    finally:
        workbook.close()
    return tables


def _read_sheet(sheet, table: str, source: str, issues: Issues) -> RawTable | None:
    headers = None
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        for index, value in enumerate(values):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                issues.add(
                    table,
                    number,
                    None,
                    f"Ô thứ {index + 1} dài {integer(len(value))} ký tự, vượt giới hạn "
                    f"{integer(MAX_CELL_CHARS)} ký tự ({source}).",
                )
                return None
        if headers is None:
            if any(v is not None and str(v).strip() for v in values):
                headers = ["" if v is None else str(v) for v in values]
            continue
        rows.append((number, tuple(values)))
    if headers is None:
        issues.add(table, None, None, f"{source} trống: thiếu dòng tiêu đề.")
        return None
    return RawTable(table, source, headers, rows)
