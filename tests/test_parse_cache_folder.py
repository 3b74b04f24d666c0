"""The parse cache's folder: ``$CCNT_PARSE_CACHE_DIR`` when set (the suite points the instances it
starts in child processes at its own), else ``cache/parse`` in the runtime folder."""

from __future__ import annotations

from ccnt.ingest.parse_cache import cache_dir, cached_parse

PAGE = "<html><head><title>某市储能方案</title></head><body><p>到2025年，新型储能装机达到100万千瓦。</p></body></html>"


def test_it_keeps_parses_in_the_folder_ccnt_parse_cache_dir_names(monkeypatch, tmp_path):
    monkeypatch.setenv("CCNT_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("CCNT_PARSE_CACHE_DIR", str(tmp_path / "shared"))
    first = cached_parse(PAGE.encode("utf-8"), name="a.html")
    assert len(list((tmp_path / "shared").glob("*.json"))) == 1
    assert not (tmp_path / "var" / "cache" / "parse").exists()
    again = cached_parse(PAGE.encode("utf-8"), name="a.html")  # from the shared folder
    assert again == first and "新型储能" in again.text


def test_it_keeps_parses_in_the_runtime_folder_by_default(monkeypatch, tmp_path):
    monkeypatch.setenv("CCNT_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("CCNT_PARSE_CACHE_DIR", raising=False)
    assert cache_dir() == tmp_path / "var" / "cache" / "parse"
    cached_parse(PAGE.encode("utf-8"), name="a.html")
    assert len(list(cache_dir().glob("*.json"))) == 1
