"""Fast bulk inserts for imports and projections.

Django's bulk_create builds a model instance per row; at 50.000 members with their events
that dominates an import. Here rows are plain tuples: PostgreSQL gets COPY, SQLite a
single executemany. Both run inside the caller's transaction.
"""

from django.db import connection


def _columns(model, fields: list[str]) -> list[str]:
    columns = []
    for name in fields:
        field = model._meta.get_field(name[:-3] if name.endswith("_id") and not _has_field(model, name) else name)
        columns.append(field.column)
    return columns


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
        return True
    except Exception:
        return False


def bulk_insert(model, fields: list[str], rows, batch: int = 5000) -> int:
    """Insert tuples (in `fields` order) into the model's table; returns the row count."""
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return 0
    table = model._meta.db_table
    columns = _columns(model, fields)
    quote = connection.ops.quote_name
    column_sql = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg 3 cursor
            with raw.copy(f"COPY {quote(table)} ({column_sql}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {quote(table)} ({column_sql}) VALUES ({placeholders})"
            for start in range(0, len(rows), batch):
                cursor.executemany(sql, rows[start : start + batch])
    return len(rows)
