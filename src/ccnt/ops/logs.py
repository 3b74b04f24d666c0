"""Logs as JSON lines (production): request records from ``RequestLogMiddleware`` as they are,
every other record as ``{"ts", "level", "logger", "message"[, "exc"]}``."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    """Every log record as one JSON object a line; request records are printed as they are."""

    def format(self, record: logging.LogRecord) -> str:
        data = getattr(record, "request_record", None)
        if data is None:
            data = {
                "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                "level": record.levelname.lower(),
                "logger": record.name,
                "message": record.getMessage(),
            }
            if record.exc_info:
                data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)
