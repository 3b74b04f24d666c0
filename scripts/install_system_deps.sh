#!/bin/sh
# System tools that ingest needs (and that the tests require under CI=true):
#   pdftotext / pdftoppm (poppler-utils)  PDF text layer fall-back and page images for OCR
#   tesseract + chi_sim                   OCR of scanned PDFs (Debian's tesseract-ocr-chi-sim)
#   soffice (LibreOffice, headless)       legacy DOC and WPS → DOCX
#   antiword                              DOC fall-back when LibreOffice is absent
# Idempotent and quick when everything is installed already: apt runs only for what is missing.
set -eu

missing=""
need() {  # need BINARY PACKAGE...
    bin="$1"; shift
    if ! command -v "$bin" >/dev/null 2>&1; then missing="$missing $*"; fi
}
need pdftotext poppler-utils
need tesseract tesseract-ocr tesseract-ocr-chi-sim
need soffice libreoffice-writer-nogui
need antiword antiword
if command -v tesseract >/dev/null 2>&1 && ! tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then
    missing="$missing tesseract-ocr-chi-sim"
fi

if [ -z "$missing" ]; then
    echo "system dependencies present"
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends $missing; then
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends $missing
fi
