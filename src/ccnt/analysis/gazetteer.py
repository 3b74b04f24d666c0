"""The gazetteer: jurisdictions and authorities with their aliases, and fast lookup in text.

Pure Python, no Django. The analysis receives a ``Gazetteer`` from its caller:
``Gazetteer.from_data_files()`` builds (and caches) one from ``src/ccnt/data/*.csv`` for
``ccnt extract`` / ``ccnt eval``; the Django side builds one from the database (with the
curators' edits) through the plain constructor::

    Gazetteer(
        jurisdictions=[{"adcode": "370100", "name": "济南市", "short_name": "济南",
                        "level": "city", "parent_adcode": "370000"}, ...],
        aliases=[{"adcode": "370103", "alias": "市中区", "never_alone": True}, ...],
        authorities=[{"name": "国家发展和改革委员会", "aliases": "国家发展改革委|国家发改委|发改委",
                      "adcode": "100000"}, ...],
        authority_suffixes=[{"suffix": "发展和改革委员会", "aliases": "发展改革委|发改委"}, ...],
    )

Every argument also accepts ``Place`` / ``Authority`` / ``AuthoritySuffix`` objects.

Matching rules (shared by every step that looks for places):

* longest match first, left to right, no overlaps (one dictionary scan, no regex alternation);
* placeholders (市辖区, 省直辖县级行政区划…) never match; names flagged ``never_alone`` (城区,
  郊区, 矿区, 市中区, 鼓楼区…) only match when a parent is named nearby (济南市市中区);
* short names of counties are not used (too many are ordinary words); full county names count
  when their city or province is named nearby, or when the name is unique in the country;
* a surface shared by several places (吉林 = province and city) resolves to the one whose parent
  is named nearby, else to the single highest-level one.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccnt.paths import DATA_DIR

from .actors import ActorRegistry  # non-state actors (analysis/actors.py)
from .surface_index import SurfaceIndex
from .types import JurisdictionRef

LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "county": 3}
NATION_ADCODE = "100000"
NATION_NAME = "中华人民共和国"


@dataclass(frozen=True)
class Place:
    adcode: str
    name: str
    short_name: str = ""
    level: str = "county"  # national / province / city / county
    parent_adcode: str = ""
    kind: str = "division"  # division / placeholder / dev_zone / new_area / region_group
    valid_from: str = ""
    valid_to: str = ""
    successor_adcode: str = ""
    aliases: tuple[str, ...] = ()
    never_alone: bool = False  # the full name itself is a common word (市中区, 城区…)

    @property
    def current(self) -> bool:
        return not self.valid_to

    def ref(self, source: str = "") -> JurisdictionRef:
        return JurisdictionRef(adcode=self.adcode, name=self.name, level=self.level, source=source)


@dataclass(frozen=True)
class Authority:
    """A named body with its own entry (national bodies: 国务院, 国家发展和改革委员会…)."""

    name: str
    aliases: tuple[str, ...] = ()
    adcode: str = NATION_ADCODE
    kind: str = ""
    name_en: str = ""


@dataclass(frozen=True)
class AuthoritySuffix:
    """A generic local body: place name + suffix (江苏省 + 人民政府, 济南市 + 发改委)."""

    suffix: str
    aliases: tuple[str, ...] = ()
    kind: str = ""
    name_en: str = ""


@dataclass
class PlaceMatch:
    start: int
    end: int
    surface: str
    candidates: list[Place] = field(default_factory=list)
    place: Place | None = None  # set once resolved


@dataclass
class AuthorityMatch:
    start: int
    end: int
    surface: str
    name: str  # canonical name (国家发展和改革委员会, 济南市发展和改革委员会)
    adcode: str  # jurisdiction of the body
    kind: str = ""
    place: Place | None = None  # for local bodies


# A minimal fall-back, used only when the data files are missing (tests, early development).
_BUILTIN_SUFFIXES: list[tuple[str, str, str]] = [
    ("人民政府", "政府", "government"),
    ("人民政府办公厅", "政府办公厅", "government_office"),
    ("人民政府办公室", "政府办公室", "government_office"),
    ("人民代表大会常务委员会", "人大常委会", "legislature"),
    ("人民代表大会", "人大", "legislature"),
    ("委员会", "委", "party"),
    ("委办公厅", "", "party"),
    ("委办公室", "", "party"),
    ("发展和改革委员会", "发展改革委|发改委", "department"),
    ("发展和改革局", "发展改革局|发改局", "department"),
    ("生态环境厅", "", "department"),
    ("生态环境局", "", "department"),
    ("工业和信息化厅", "工信厅", "department"),
    ("工业和信息化局", "工信局|经济和信息化局|经信局", "department"),
    ("经济和信息化委员会", "经信委", "department"),
    ("住房和城乡建设厅", "住建厅", "department"),
    ("住房和城乡建设局", "住建局", "department"),
    ("住房和城乡建设委员会", "住建委", "department"),
    ("交通运输厅", "", "department"),
    ("交通运输局", "", "department"),
    ("财政厅", "", "department"),
    ("财政局", "", "department"),
    ("科学技术厅", "科技厅", "department"),
    ("科学技术局", "科技局", "department"),
    ("自然资源厅", "", "department"),
    ("自然资源局", "自然资源和规划局", "department"),
    ("农业农村厅", "", "department"),
    ("农业农村局", "", "department"),
    ("林业和草原局", "林草局|林业局", "department"),
    ("商务厅", "", "department"),
    ("商务局", "", "department"),
    ("市场监督管理局", "市场监管局", "department"),
    ("能源局", "", "department"),
    ("机关事务管理局", "机关事务局", "department"),
    ("统计局", "", "department"),
    ("教育厅", "", "department"),
    ("教育局", "", "department"),
    ("水利厅", "", "department"),
    ("水务局", "", "department"),
    ("国有资产监督管理委员会", "国资委", "department"),
]

_BUILTIN_AUTHORITIES: list[tuple[str, str]] = [
    ("中共中央", "党中央"),
    ("国务院", ""),
    ("中共中央办公厅", "中办"),
    ("国务院办公厅", "国办"),
    ("全国人民代表大会常务委员会", "全国人大常委会"),
    ("国家发展和改革委员会", "国家发展改革委|国家发改委|发展改革委|发改委"),
    ("国家能源局", ""),
    ("生态环境部", "环境保护部"),
    ("工业和信息化部", "工信部"),
    ("住房和城乡建设部", "住建部|住房城乡建设部"),
    ("交通运输部", ""),
    ("财政部", ""),
    ("科学技术部", "科技部"),
    ("自然资源部", ""),
    ("农业农村部", ""),
    ("商务部", ""),
    ("教育部", ""),
    ("水利部", ""),
    ("国家市场监督管理总局", "市场监管总局"),
    ("国家标准化管理委员会", "国家标准委"),
    ("国家林业和草原局", "国家林草局"),
    ("国家机关事务管理局", "国管局"),
    ("国务院国有资产监督管理委员会", "国务院国资委|国资委"),
    ("国家统计局", ""),
    ("中国人民银行", "人民银行|人民银行总行"),
    ("中国银行保险监督管理委员会", "银保监会|中国银保监会"),
    ("中国证券监督管理委员会", "证监会|中国证监会"),
    ("国家税务总局", ""),
]

_BUILTIN_PROVINCES = (
    "110000 北京市 北京|120000 天津市 天津|130000 河北省 河北|140000 山西省 山西|"
    "150000 内蒙古自治区 内蒙古|210000 辽宁省 辽宁|220000 吉林省 吉林|230000 黑龙江省 黑龙江|"
    "310000 上海市 上海|320000 江苏省 江苏|330000 浙江省 浙江|340000 安徽省 安徽|350000 福建省 福建|"
    "360000 江西省 江西|370000 山东省 山东|410000 河南省 河南|420000 湖北省 湖北|430000 湖南省 湖南|"
    "440000 广东省 广东|450000 广西壮族自治区 广西|460000 海南省 海南|500000 重庆市 重庆|"
    "510000 四川省 四川|520000 贵州省 贵州|530000 云南省 云南|540000 西藏自治区 西藏|"
    "610000 陕西省 陕西|620000 甘肃省 甘肃|630000 青海省 青海|640000 宁夏回族自治区 宁夏|"
    "650000 新疆维吾尔自治区 新疆|710000 台湾省 台湾|810000 香港特别行政区 香港|820000 澳门特别行政区 澳门"
)


def _split_aliases(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        parts = re.split(r"[|｜;；]", value)
    else:
        parts = list(value)
    return tuple(p.strip() for p in parts if p and p.strip())


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in {"1", "true", "yes", "y", "t", "x", "是"}


def _compact(s: str) -> str:
    """Remove the spaces that PDF extraction and layout put inside names."""
    return re.sub(r"[\s\u3000]+", "", s)


class Gazetteer:
    def __init__(
        self,
        jurisdictions: Iterable[Place | Mapping[str, Any]] = (),
        authorities: Iterable[Authority | Mapping[str, Any]] = (),
        authority_suffixes: Iterable[AuthoritySuffix | Mapping[str, Any]] = (),
        aliases: Iterable[Mapping[str, Any]] = (),
        *,
        builtin_fallback: bool = True,
        actors: Iterable[Any] = (),
    ) -> None:
        self.actor_registry = ActorRegistry(actors)
        alias_rows = list(aliases)
        extra_aliases: dict[str, list[str]] = {}
        lone_words: dict[str, set[str]] = {}
        for row in alias_rows:
            code = str(row.get("adcode", "")).strip()
            alias = _compact(str(row.get("alias", "")))
            if not code or not alias:
                continue
            if _truthy(row.get("never_alone")):
                lone_words.setdefault(code, set()).add(alias)
            extra_aliases.setdefault(code, []).append(alias)

        self.places: dict[str, Place] = {}
        for item in jurisdictions:
            place = item if isinstance(item, Place) else self._place_from_mapping(item)
            if not place.adcode or not place.name:
                continue
            if place.adcode in extra_aliases:
                merged = tuple(dict.fromkeys(place.aliases + tuple(extra_aliases[place.adcode])))
                never = place.never_alone or place.name in lone_words.get(place.adcode, set())
                place = Place(**{**place.__dict__, "aliases": merged, "never_alone": never})
            self.places[place.adcode] = place
        if builtin_fallback and not self.places:
            for chunk in _BUILTIN_PROVINCES.split("|"):
                code, name, short = chunk.split()
                self.places[code] = Place(code, name, short, "province", NATION_ADCODE)
        if NATION_ADCODE not in self.places:
            self.places[NATION_ADCODE] = Place(NATION_ADCODE, NATION_NAME, "中国", "national", "")
        self._lone = lone_words
        self.children: dict[str, list[Place]] = {}
        for p in self.places.values():
            self.children.setdefault(p.parent_adcode, []).append(p)

        self.authorities: list[Authority] = []
        for item in authorities:
            self.authorities.append(
                item if isinstance(item, Authority) else self._authority_from_mapping(item)
            )
        self.suffixes: list[AuthoritySuffix] = []
        for item in authority_suffixes:
            self.suffixes.append(
                item if isinstance(item, AuthoritySuffix) else self._suffix_from_mapping(item)
            )
        if builtin_fallback:
            known = {s for a in self.authorities for s in (a.name, *a.aliases)}
            for name, al in _BUILTIN_AUTHORITIES:
                if name not in known:
                    als = tuple(a for a in _split_aliases(al) if a not in known)
                    self.authorities.append(Authority(name, als, NATION_ADCODE))
                    known.update((name, *als))
            known_s = {s for a in self.suffixes for s in (a.suffix, *a.aliases)}
            for suffix, al, kind in _BUILTIN_SUFFIXES:
                if suffix not in known_s:
                    als = tuple(a for a in _split_aliases(al) if a not in known_s)
                    self.suffixes.append(AuthoritySuffix(suffix, als, kind))
                    known_s.update((suffix, *als))
        self._build()

    # ----------------------------------------------------------------- construction
    @staticmethod
    def _place_from_mapping(row: Mapping[str, Any]) -> Place:
        def g(key: str, *alts: str) -> str:
            for k in (key, *alts):
                if row.get(k) not in (None, ""):
                    return str(row[k]).strip()
            return ""

        return Place(
            adcode=g("adcode", "code"),
            name=_compact(g("name")),
            short_name=_compact(g("short_name", "short")),
            level=g("level") or "county",
            parent_adcode=g("parent_adcode", "parent"),
            kind=g("kind") or "division",
            valid_from=g("valid_from"),
            valid_to=g("valid_to"),
            successor_adcode=g("successor_adcode", "successor"),
            aliases=tuple(_compact(a) for a in _split_aliases(row.get("aliases"))),
            never_alone=_truthy(row.get("never_alone")),
        )

    @staticmethod
    def _authority_from_mapping(row: Mapping[str, Any]) -> Authority:
        return Authority(
            name=_compact(str(row.get("name", ""))),
            aliases=tuple(_compact(a) for a in _split_aliases(row.get("aliases"))),
            adcode=str(row.get("adcode") or NATION_ADCODE).strip(),
            kind=str(row.get("kind") or ""),
            name_en=str(row.get("name_en") or ""),
        )

    @staticmethod
    def _suffix_from_mapping(row: Mapping[str, Any]) -> AuthoritySuffix:
        return AuthoritySuffix(
            suffix=_compact(str(row.get("suffix", ""))),
            aliases=tuple(_compact(a) for a in _split_aliases(row.get("aliases"))),
            kind=str(row.get("kind") or ""),
            name_en=str(row.get("name_en") or ""),
        )

    @classmethod
    def from_data_files(cls, data_dir: str | Path | None = None) -> Gazetteer:
        return _cached_from_dir(str(Path(data_dir) if data_dir else DATA_DIR))

    def _build(self) -> None:
        self._place_index = SurfaceIndex()
        # name uniqueness among current places, by level
        by_name: dict[str, list[Place]] = {}
        for p in self.places.values():
            by_name.setdefault(p.name, []).append(p)
        self._by_name = by_name
        for p in self.places.values():
            if p.kind == "placeholder":
                continue
            if p.level == "national":
                self._place_index.add(p.name, (p, "full"))
                continue
            lone = self._lone.get(p.adcode, set())
            self._place_index.add(p.name, (p, "lone" if (p.never_alone or p.name in lone) else "full"))
            if p.short_name and p.level in ("province", "city") and p.short_name != p.name:
                self._place_index.add(p.short_name, (p, "lone" if p.short_name in lone else "short"))
            for a in p.aliases:
                if a != p.name:
                    self._place_index.add(a, (p, "lone" if a in lone else "alias"))

        self._auth_index = SurfaceIndex()
        for a in self.authorities:
            if a.name:
                self._auth_index.add(a.name, a)
                for al in a.aliases:
                    self._auth_index.add(al, a)
        self._suffix_index = SurfaceIndex()
        self._suffix_canon: dict[str, AuthoritySuffix] = {}
        for s in self.suffixes:
            if not s.suffix:
                continue
            for surf in (s.suffix, *s.aliases):
                self._suffix_canon.setdefault(surf, s)
        self._suffix_surfaces = sorted(self._suffix_canon, key=len, reverse=True)

    # ----------------------------------------------------------------- places
    def place(self, adcode: str) -> Place | None:
        return self.places.get(str(adcode))

    def ref(self, adcode: str, source: str = "") -> JurisdictionRef | None:
        p = self.place(adcode)
        return p.ref(source) if p else None

    def ancestors(self, place: Place) -> list[Place]:
        out = []
        seen = set()
        cur = self.places.get(place.parent_adcode)
        while cur and cur.adcode not in seen and cur.level != "national":
            out.append(cur)
            seen.add(cur.adcode)
            cur = self.places.get(cur.parent_adcode)
        return out

    def province_of(self, place: Place) -> Place | None:
        if place.level == "province":
            return place
        for a in self.ancestors(place):
            if a.level == "province":
                return a
        return None

    def place_name_at(self, text: str, pos: int) -> tuple[str, list[Place]] | None:
        """The longest place name (full, short or alias) that starts at ``pos``, with every place it
        may name, unresolved: for a list of places the caller knows is one (广州、深圳、珠海…)."""
        hit = self._place_index.match_at(text, pos)
        if not hit:
            return None
        surface, values = hit
        return surface, [p for p, _quality in values]

    def find_places(self, text: str, window: int = 40) -> list[PlaceMatch]:
        """All resolved place mentions in ``text`` (unresolvable ones are dropped)."""
        raw = self._place_index.scan(text)
        matches = [PlaceMatch(s, e, surf, [v for v in vals]) for s, e, surf, vals in raw]
        resolved: list[PlaceMatch] = []
        for k, m in enumerate(matches):
            # context: the places matched just before (and after) within `window` characters
            near = [
                c
                for j in range(max(0, k - 4), min(len(matches), k + 3))
                if j != k and abs(matches[j].start - m.start) <= window
                for c, _q in matches[j].candidates
            ]
            prev = matches[k - 1] if k > 0 and matches[k - 1].end == m.start else None
            prev_places = [c for c, _q in prev.candidates] if prev else []
            place = self._resolve(m.candidates, near, prev_places)
            if place is not None:
                m.place = place
                resolved.append(m)
        return resolved

    def _resolve(self, cands: list[tuple[Place, str]], near: list[Place], prev: list[Place]) -> Place | None:
        near_codes = {p.adcode for p in near}
        prev_codes = {p.adcode for p in prev}
        ok: list[tuple[Place, str, bool]] = []
        for p, quality in cands:
            lineage = {a.adcode for a in self.ancestors(p)}
            right_after_parent = bool(lineage & prev_codes)
            parent_near = bool(lineage & near_codes)
            if quality == "lone" and not (right_after_parent or parent_near):
                continue
            ok.append((p, quality, parent_near))
        if not ok:
            return None
        with_parent = [o for o in ok if o[2]]
        if with_parent:
            ok = with_parent
        else:
            # a county (or a short-name alias of a lower place) without its parent nearby counts
            # only when it is the only place of that name in the country
            ok = [o for o in ok if o[0].level != "county" or self._unique(o[0])]
            if not ok:
                return None
        if len(ok) == 1:
            return ok[0][0]
        current = [o for o in ok if o[0].current] or ok
        full = [o for o in current if o[1] == "full"] or current
        best_rank = min(LEVEL_RANK.get(o[0].level, 9) for o in full)
        top = [o for o in full if LEVEL_RANK.get(o[0].level, 9) == best_rank]
        if len({o[0].adcode for o in top}) == 1:
            return top[0][0]
        return None

    def _unique(self, place: Place) -> bool:
        same = [p for p in self._by_name.get(place.name, []) if p.current and p.kind != "placeholder"]
        return len(same) <= 1

    def lookup_place(self, name: str) -> Place | None:
        """A place whose whole name (or alias) is exactly ``name``."""
        name = _compact(name)
        ms = self.find_places(name)
        if len(ms) == 1 and ms[0].start == 0 and ms[0].end == len(name):
            return ms[0].place
        if ms and ms[-1].end == len(name):
            return ms[-1].place
        return None

    # ----------------------------------------------------------------- authorities
    def find_authorities(self, text: str) -> list[AuthorityMatch]:
        """National bodies by name or alias, local bodies as place + suffix (中共 + place + 委)."""
        out: list[AuthorityMatch] = []
        places = {m.start: m for m in self.find_places(text)}
        i, n = 0, len(text)
        while i < n:
            best: AuthorityMatch | None = None
            hit = self._auth_index.match_at(text, i)
            if hit:
                surface, vals = hit
                a = vals[0]
                best = AuthorityMatch(i, i + len(surface), surface, a.name, a.adcode, a.kind)
            start = i
            pm = places.get(i)
            party = False
            if pm is None and text.startswith("中共", i) and (i + 2) in places:
                pm, party = places[i + 2], True
            if pm is not None and pm.place is not None:
                # chains such as 广州市黄埔区 + 发改局, 北京市通州区 + 经济和信息化局
                chain = self._chain(places, pm)[-1]
                sm = self._suffix_at(text, chain.end)
                if sm is not None:
                    surf, suffix = sm
                    end = chain.end + len(surf)
                    if best is None or end > best.end:
                        links = [m.place for m in self._chain(places, pm) if m.place is not None]
                        # 北京市通州区 keeps its city (county names repeat); 内蒙古包头市 → 包头市
                        if links[-1].level == "county" and len(links) > 1:
                            place_part = links[-2].name + links[-1].name
                        else:
                            place_part = links[-1].name
                        if suffix.kind == "party" or suffix.suffix in ("委", "委员会", "党委"):
                            # 中共江苏省委, 江苏省委, 西藏自治区党委 → 中共江苏省委员会 (…委员会办公厅)
                            office = re.search(r"办公厅|办公室", suffix.suffix)
                            name = "中共" + place_part + "委员会" + (office.group(0) if office else "")
                        else:
                            name = ("中共" if party else "") + place_part + suffix.suffix
                        best = AuthorityMatch(
                            start, end, text[start:end], name, chain.place.adcode, suffix.kind, chain.place
                        )
            if best is not None:
                out.append(best)
                i = best.end
            else:
                i += 1
        return out

    def _chain(self, places: dict[int, PlaceMatch], first: PlaceMatch) -> list[PlaceMatch]:
        chain = [first]
        while chain[-1].end in places:
            nxt = places[chain[-1].end]
            if nxt.place is None or chain[-1].place is None:
                break
            if chain[-1].place.adcode not in {a.adcode for a in self.ancestors(nxt.place)}:
                break
            chain.append(nxt)
        return chain

    def _suffix_at(self, text: str, pos: int) -> tuple[str, AuthoritySuffix] | None:
        for surf in self._suffix_surfaces:
            if text.startswith(surf, pos):
                if surf == "委" and text[pos + 1 : pos + 2] in ("托", "派", "屈", "婉"):
                    continue
                return surf, self._suffix_canon[surf]
        return None

    def canonical_authority(self, name: str) -> AuthorityMatch | None:
        """The body named by the whole of ``name`` (aliases canonicalised), else None."""
        s = _compact(name)
        if not s:
            return None
        ms = self.find_authorities(s)
        if len(ms) == 1 and ms[0].start == 0 and ms[0].end == len(s):
            return ms[0]
        return None

    def authority_place(self, match: AuthorityMatch) -> Place | None:
        return match.place or self.place(match.adcode)

    # ----------------------------------------------------------------- non-state actors
    def find_actors(self, text: str, own: str = "") -> list:
        """Actors named in ``text`` (see ``analysis/actors.py`` for the rules)."""
        return self.actor_registry.find(text, lambda: [(m.start, m.end) for m in self.find_places(text)], own=own)

    def lookup_actor(self, name: str):
        return self.actor_registry.lookup(name)


@functools.lru_cache(maxsize=4)
def _cached_from_dir(data_dir: str) -> Gazetteer:
    d = Path(data_dir)

    def rows(name: str) -> list[dict[str, str]]:
        path = d / name
        if not path.exists():
            return []
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return [dict(r) for r in csv.DictReader(fh)]

    actors: list[dict[str, Any]] = []
    if (d / "actors.json").is_file():
        import json

        actors = [a for a in json.loads((d / "actors.json").read_text(encoding="utf-8")).get("actors", [])]
    return Gazetteer(
        jurisdictions=rows("divisions.csv"),
        aliases=rows("division_aliases.csv"),
        authorities=rows("authorities.csv"),
        authority_suffixes=rows("authority_suffixes.csv"),
        actors=actors,
    )
