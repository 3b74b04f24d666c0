"""Ingest: fetch, parse and archive government documents, crawl sites, and turn them into
policy drafts through the analysis library.

Pure modules (no Django): ``safety``, ``fetch``, ``encoding``, ``parse_*``, ``archive``,
``crawl.spider`` / ``crawl.runner`` (the Scrapy process). Django side: ``store`` (documents,
policies, versions, duplicates), ``pipeline`` (the batch behind ``ccnt ingest``),
``gazetteer_db`` and ``crawl.run`` (behind ``ccnt crawl``).
"""
