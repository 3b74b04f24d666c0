"""The WSGI application gunicorn serves (``ccnt serve --prod``).

Once the application is loaded, what it loaded — modules, settings, URL patterns, templates — is
frozen out of the garbage collector's scans (``gc.freeze``): it lives as long as the worker, and a full
collection that walks it on every request's allocations costs tens of milliseconds (30 ms per cold
region page on average in the page benchmark, 9 ms frozen). Rejected: raising the collection
thresholds, which trades those pauses for memory a busy worker does not give back.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccnt.settings")
application = get_wsgi_application()
gc.collect()
gc.freeze()
