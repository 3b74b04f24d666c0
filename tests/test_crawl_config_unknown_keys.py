"""A crawl-site configuration with a key the crawler does not know is an error that names the
file, the key and its close matches — never a crawl run silently on the default."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ccnt.ingest.crawl.config import SOURCES_DIR, ConfigError, data_file_configs, load_file

GOOD = [
    'slug = "typo-city"', 'name = "某市 政策文件"', 'kind = "portal"',
    'start_urls = ["https://www.example.gov.cn/zcwj/index.html"]',
    "[list]", 'item_selector = "ul.list li"',
    "[pagination]", "max_pages = 2",
    "[politeness]", "download_delay = 1.5",
]


def write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "typo-city.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_it_loads_a_configuration_whose_keys_are_all_known(tmp_path):
    config = load_file(write(tmp_path, GOOD))
    assert config["list"]["item_selector"] == "ul.list li"
    assert config["politeness"]["download_delay"] == 1.5


def test_it_names_the_file_the_key_and_the_close_match_of_a_table_key(tmp_path):
    path = write(tmp_path, [line.replace("item_selector", "item_selctor") for line in GOOD])
    with pytest.raises(ConfigError) as error:
        load_file(path)
    message = str(error.value)
    assert str(path) in message
    assert "'list.item_selctor'" in message
    assert "did you mean list.item_selector" in message


def test_it_rejects_an_unknown_top_level_key_and_lists_every_problem(tmp_path):
    path = write(tmp_path, ['start_url = "https://www.example.gov.cn/"', *GOOD,
                            "download_dealy = 3"])  # lands in [politeness], the last table
    with pytest.raises(ConfigError) as error:
        load_file(path)
    message = str(error.value)
    assert "'start_url' (did you mean start_urls?)" in message
    assert "'politeness.download_dealy' (did you mean politeness.download_delay?)" in message


def test_it_lists_the_known_keys_when_nothing_is_close(tmp_path):
    path = write(tmp_path, [*GOOD[:4], "colour = 'blue'", *GOOD[4:]])
    with pytest.raises(ConfigError) as error:
        load_file(path)
    assert "unknown key 'colour' (known keys: attachments, enabled," in str(error.value)


def test_it_rejects_a_table_written_as_a_plain_value(tmp_path):
    path = write(tmp_path, ['pagination = "index_{n}.html"', *GOOD[:4]])
    with pytest.raises(ConfigError, match=r"\[pagination\] must be a table"):
        load_file(path)


def test_it_keeps_the_shipped_site_files_valid():
    slugs = {config["slug"] for config in data_file_configs()}
    assert slugs == {path.stem for path in SOURCES_DIR.glob("*.toml")}


@pytest.mark.django_db
def test_it_stops_ccnt_crawl_with_the_error(tmp_path):
    path = write(tmp_path, [line.replace("max_pages", "max_page") for line in GOOD])
    with pytest.raises(CommandError, match=r"typo-city\.toml: unknown key 'pagination\.max_page' "
                                           r"\(did you mean pagination\.max_pages"):
        call_command("crawl", "--config", str(path))
