"""Site crawlers. ``config`` reads site configurations (data files and Source rows);
``spider`` / ``middlewares`` / ``runner`` are the Scrapy process (no Django: one process per
crawl, since Twisted's reactor cannot restart); ``run`` is the Django side that starts the
process and ingests what it fetched."""
