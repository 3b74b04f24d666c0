"""Tokens for the search index and for queries.

One normaliser and one gram function serve both sides, so what a query asks for is exactly
what the index holds:

- ``tokenize(text)`` (index side): jieba's ``cut_for_search`` words, with a user dictionary
  made from the taxonomy keywords and the indicator names, plus every CJK character bigram and
  the last character of each CJK run. The bigrams make any two-character word findable inside
  a longer one (储能 in 新型储能电站, 氢能 in 氢能源) whatever jieba made of it.
- ``query_terms(q)`` (query side): the query cut into terms (whitespace, then jieba), each
  term asking for the bigrams it consists of (all of them), a Latin word or number asking for
  itself, and a lone CJK character for any gram that starts with it.

Tokens are deduplicated: matching is "all tokens present", so positions are not needed.
jieba is loaded once, lazily, with its cache in the system temp folder (never in the
checkout), so a read-only install works.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import re
import tempfile
import threading
import unicodedata
import warnings
from dataclasses import dataclass

from ccnt.paths import DATA_DIR

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[{CJK}]+|[0-9a-z]+")
_CJK_ONLY = re.compile(f"^[{CJK}]+$")
_LATIN_ONLY = re.compile("^[0-9a-z]+$")
# Sentence ends: jieba cuts blocks between such characters independently, so tokens of a text
# are the union of its sentences' tokens — which lets us cache per sentence.
_SENTENCE = re.compile(r"[^。！？；;!?\n]*[。！？；;!?\n]?")
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')

STOP_CJK = frozenset("的 了 和 与 及 或 在 是 等 对 中 为 把 被 将 之 于 以 其 并 各 有".split())
STOP_LATIN = frozenset("a an and the of for in on to by with at or from".split())
MAX_TERMS = 12

_lock = threading.Lock()
_tokenizer = None


def user_words() -> list[str]:
    """Words jieba must know: taxonomy names and keywords, indicator names and aliases."""
    words: set[str] = set()
    taxonomy = json.loads((DATA_DIR / "taxonomy.json").read_text(encoding="utf-8"))
    for group in ("categories", "sectors", "topics", "policy_types"):
        for item in taxonomy.get(group, []):
            if isinstance(item, str):
                words.add(item)
                continue
            words.add(item.get("zh", ""))
            words.update(item.get("keywords", []))
            words.update(item.get("weak_keywords", []))
    with (DATA_DIR / "indicators.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            words.add(row["name_zh"])
            words.update((row.get("aliases") or "").split("|"))
    return sorted(w for w in (normalise(w).strip() for w in words) if len(w) >= 2 and _CJK_ONLY.match(w))


def jieba_tokenizer():
    """The jieba tokenizer with the user dictionary, built on first use."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # jieba imports pkg_resources
                    import jieba
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.tmp_dir = tempfile.gettempdir()
                tokenizer.initialize()
                for word in user_words():
                    tokenizer.add_word(word, freq=max(tokenizer.FREQ.get(word, 0), 2000))
                _tokenizer = tokenizer
    return _tokenizer


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits to ASCII) and lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def grams(run: str) -> list[str]:
    """A CJK run's bigrams and its last character (so a lone character can be found too)."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


@functools.lru_cache(maxsize=20000)
def _sentence_tokens(sentence: str) -> frozenset[str]:
    tokens: set[str] = set()
    for run in _RUN.findall(sentence):
        if _LATIN_ONLY.match(run):
            tokens.add(run)
        else:
            tokens.update(grams(run))
    if any(_CJK_ONLY.match(run) and len(run) > 2 for run in _RUN.findall(sentence)):
        for word in jieba_tokenizer().cut_for_search(sentence, HMM=False):
            if len(word) > 2 and _CJK_ONLY.match(word):
                tokens.add(word)  # two-character words are already bigrams
    return frozenset(tokens)


def token_set(text: str) -> set[str]:
    tokens: set[str] = set()
    for sentence in _SENTENCE.findall(normalise(text)):
        if sentence:
            tokens |= _sentence_tokens(sentence)
    return tokens


def tokenize(*texts: str) -> str:
    """The index side: space-separated distinct tokens of the texts, sorted."""
    tokens: set[str] = set()
    for text in texts:
        tokens |= token_set(text)
    return " ".join(sorted(tokens))


@dataclass(frozen=True)
class Term:
    """One query term: ``text`` to highlight, ``tokens`` all required, or ``prefix`` for a lone
    CJK character (any token starting with it)."""

    text: str
    tokens: tuple[str, ...] = ()
    prefix: str = ""


def _cjk_terms(run: str) -> list[str]:
    """A CJK run of a query cut by jieba; stop words dropped, other single characters kept
    with their neighbour so 发展氢能 gives 发展 + 氢能 and 煤电厂 stays one term."""
    if len(run) <= 2:
        return [run]
    words = [w for w in jieba_tokenizer().cut(run, HMM=False) if w]
    terms: list[str] = []
    glue = False  # the previous kept piece was a single character waiting for a partner
    for word in words:
        if word in STOP_CJK:
            glue = False
            terms.append("")  # a break: nothing glues across a stop word
            continue
        if len(word) == 1 and terms and terms[-1]:
            terms[-1] += word
        elif glue and terms:
            terms[-1] += word
        else:
            terms.append(word)
        glue = len(word) == 1 and len(terms[-1]) == 1
    terms = [t for t in terms if t]
    return terms or [run]


def query_terms(q: str) -> list[Term]:
    """The query side: terms, each asking for the tokens ``tokenize`` puts in the index."""
    text = normalise(q)
    chunks: list[tuple[str, bool]] = []  # (chunk, quoted)
    last = 0
    for match in _QUOTED.finditer(text):
        chunks.append((text[last : match.start()], False))
        chunks.append((match.group(1) or match.group(2), True))
        last = match.end()
    chunks.append((text[last:], False))
    words: list[str] = []
    for chunk, quoted in chunks:
        for run in _RUN.findall(chunk):
            if _LATIN_ONLY.match(run):
                words.append(run)
            elif quoted:
                words.append(run)
            else:
                words.extend(_cjk_terms(run))
    content = [w for w in words if w not in STOP_LATIN and w not in STOP_CJK]
    words = content or words
    terms: list[Term] = []
    seen: set[str] = set()
    for word in words:
        if word in seen:
            continue
        seen.add(word)
        if _LATIN_ONLY.match(word):
            terms.append(Term(text=word, tokens=(word,)))
        elif len(word) == 1:
            terms.append(Term(text=word, prefix=word))
        else:
            terms.append(Term(text=word, tokens=tuple(dict.fromkeys(grams(word)[:-1]))))
    return terms[:MAX_TERMS]
