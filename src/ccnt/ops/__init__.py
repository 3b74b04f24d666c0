"""Operations: production serving helpers (``/healthz``, JSON request logs) and backup / restore.

- ``middleware.RequestLogMiddleware``: one JSON line per request (method, path, status,
  duration_ms) on the ``ccnt.request`` logger;
- ``middleware.HealthzMiddleware``: ``/healthz`` (readiness: database, search index, broker) and
  ``/livez`` (liveness, no database) for a load balancer, answered before host validation and the
  HTTPS redirect;
- ``backup``: ``ccnt backup DIR`` / ``ccnt restore DIR`` (SQLite backup API or ``pg_dump``, the
  archive of originals, a manifest of checksums computed generically over every model's table).
"""
