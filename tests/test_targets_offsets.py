from _targets_helpers import corpus_texts
from ccnt.analysis.targets import extract_targets


def test_it_keeps_every_span_equal_to_the_source_text_over_the_corpus():
    for path in corpus_texts():
        text = path.read_text(encoding="utf-8")
        found = extract_targets(text)
        assert found, path.name
        for t in found:
            assert text[t.start:t.end] == t.text, (path.name, t)
            assert 0 <= t.start < t.end <= len(text)
            assert t.sentence and t.text in t.sentence or len(t.sentence) >= 400


def test_it_keeps_offsets_when_the_text_has_full_width_characters():
    text = "到２０２５年，非化石能源消费比重达到２０％左右，风电装机容量达到　1000万千瓦。"
    for t in extract_targets(text):
        assert text[t.start:t.end] == t.text
