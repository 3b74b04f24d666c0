"""Print the text ccnt's parser makes of one original (PDF, DOCX, HTML, text): what the gold
annotations of eval/gold/dual-carbon quote and point into. Usage: corpus_text.py FILE"""

from __future__ import annotations

import sys
from pathlib import Path

from ccnt.ingest.parse import parse_bytes


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: corpus_text.py FILE", file=sys.stderr)
        return 2
    path = Path(argv[0])
    if not path.is_file():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    parsed = parse_bytes(path.read_bytes(), name=path.name)
    sys.stdout.write(parsed.text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
