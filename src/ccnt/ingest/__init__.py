"""Ingest: fetch, parse and archive government documents, crawl sites, and turn them into
policy drafts through the analysis library. A Django app (``ingest``): it owns the crawled sites
and fetched URLs (``models``: ``Source``, ``FetchedUrl``, tables kept from the tracker app) and the
``ccnt crawl`` and ``ccnt ingest`` commands.

Pure modules (no Django): ``safety``, ``fetch``, ``encoding``, ``parse_*``, ``archive``, ``items``
(what the ingest path hands around), ``crawl.spider`` / ``crawl.runner`` (the Scrapy process).
Django side: ``models`` and ``admin``, ``store`` (documents, policies, versions, duplicates),
``commitments`` (an actor's press release or report as a commitment draft), ``pipeline`` (the batch
behind ``ccnt ingest``), ``gazetteer_db`` and ``crawl.run`` (behind ``ccnt crawl``).
"""
