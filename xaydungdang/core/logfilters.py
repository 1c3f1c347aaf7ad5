"""Logging filters: a refused or missing page is one line in the server log, not a traceback.

Django logs every 4xx answer on `django.request` with the exception that caused it (a
PermissionDenied for 403, Http404 for 404), so the console printed a full traceback for every
page a user may not see. The answer is normal behaviour, not a fault: keep the line
("Forbidden (Permission denied): /to-chuc/ST/", "Not Found: /x/"), drop the traceback.
Server errors (5xx) keep theirs.
"""

import logging


class QuietClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
