"""The WSGI module leaves what the application loaded out of the garbage collector's scans."""

import subprocess
import sys


def test_it_freezes_what_the_application_loaded():
    code = ("import gc; before = gc.get_freeze_count(); import ccnt.wsgi; "
            "print(before, gc.get_freeze_count())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    before, after = map(int, out.stdout.split())
    assert before == 0 and after > 10000
