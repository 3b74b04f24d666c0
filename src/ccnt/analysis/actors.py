"""Non-state actors in a text: state-owned enterprises, companies, financial institutions,
industry associations. Pure Python, no Django.

The registry is part of the gazetteer the caller passes to the analysis (DESIGN.md, "The
analysis stays pure with registries")::

    Gazetteer(..., actors=[{"name": "国家能源投资集团有限责任公司", "short_name": "国家能源集团",
                            "aliases": ["国家能源集团"], "kind": "central_soe", "parent": ""}, ...])

``ccnt extract`` / ``ccnt eval`` build it from ``src/ccnt/data/actors.json``; ingest from the
database (curators' edits included).

Matching rules
--------------
* one dictionary scan over every name and alias, longest match first, no overlaps — so a
  name inside a longer name resolves to the longer one (三峡能源 is not 三峡集团, 国家能源集团
  inside 国家能源集团龙源电力 is the group, then 龙源电力 on its own);
* a name of four or more characters (中国宝武钢铁集团有限公司, 国家能源集团, 中国石化) links wherever
  it stands;
* a short name (two or three characters: 三峡, 华电, 华能, 宝武, 隆基, 腾讯) is a common word or
  part of a place or project name too often to link alone. It links only at a word start
  (not inside 兴隆基地 or 中华能源) and when either an organisation word follows (华电集团,
  腾讯公司) or the actor is already named in full in the same text (or is the text's own
  actor) — and never when a place or project word follows (三峡大坝, 三峡库区, 三峡水电站,
  华电路) or the surface is part of a place name (阿里地区);
* a surface shared by several actors links to none of them unless one is the others' parent
  group.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .surface_index import SurfaceIndex

SHORT_MAX = 3  # surfaces up to this many characters need context

# an organisation word right after a short name makes it a name (华电集团, 腾讯公司)
_ORG_AFTER = ("集团", "公司", "股份", "控股", "有限", "旗下", "系统", "总部", "董事", "党组", "党委", "员工", "方面")
# a place or project word right after makes it a place or project (三峡大坝, 华电路)
_PLACE_AFTER = (
    "库区", "大坝", "坝区", "水库", "水电站", "电站", "电厂", "工程", "枢纽", "船闸", "航道", "地区", "地区", "区", "县", "市",
    "镇", "乡", "村", "路", "街", "大道", "大街", "大厦", "广场", "小区", "花园", "机场", "港", "大桥", "桥", "隧道", "景区",
    "湖", "江", "河", "山", "峡", "湾", "岛", "移民", "库首", "库尾", "站", "基地", "园区", "项目",
)
_PLACE_BEFORE = ("长江", "西陵", "瞿塘", "巫峡", "宜昌", "重庆")
# a word start: the start of the text, a non-CJK character, punctuation or one of these
_BOUNDARY_CHARS = set("的和与及同跟对由在是为将把被让向从至到、，,。；;：:（(）)“”\"'《》〈〉「」『』【】 \n\t—-·")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class ActorEntry:
    """One registry entry. ``key`` identifies it for the caller (the database id, or the name)."""

    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    kind: str = "other"
    key: str = ""
    parent: str = ""  # the parent group's name
    name_en: str = ""

    @property
    def surfaces(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for s in (self.name, self.short_name, *self.aliases) if s))

    def ref(self) -> ActorRef:
        return ActorRef(name=self.name, short_name=self.short_name, kind=self.kind, key=self.key or self.name)


@dataclass
class ActorRef:
    """The actor a text belongs to (``ccnt extract --actor``, ``ccnt ingest --actor``)."""

    name: str
    short_name: str = ""
    kind: str = "other"
    key: str = ""


@dataclass
class ActorMention:
    """An actor named in a text, with the surface and its offsets (``text[start:end] == surface``)."""

    name: str
    kind: str
    surface: str
    start: int
    end: int
    key: str = ""


def _compact(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s or "")


def _split(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    parts = re.split(r"[|｜;；]", value) if isinstance(value, str) else list(value)
    return tuple(_compact(str(p)) for p in parts if p and str(p).strip())


def entry_from_mapping(row: Mapping[str, Any]) -> ActorEntry:
    return ActorEntry(
        name=_compact(str(row.get("name", ""))),
        short_name=_compact(str(row.get("short_name") or "")),
        aliases=_split(row.get("aliases")),
        kind=str(row.get("kind") or "other"),
        key=str(row.get("key") or row.get("id") or row.get("name") or ""),
        parent=_compact(str(row.get("parent") or "")),
        name_en=str(row.get("name_en") or ""),
    )


class ActorRegistry:
    """The actors of a gazetteer, indexed for a single longest-match scan."""

    def __init__(self, actors: Iterable[ActorEntry | Mapping[str, Any]] = ()) -> None:
        self.entries: list[ActorEntry] = []
        for item in actors:
            entry = item if isinstance(item, ActorEntry) else entry_from_mapping(item)
            if entry.name:
                self.entries.append(entry)
        self.by_name = {e.name: e for e in self.entries}
        # the gazetteer's longest-match index, shared so both scan text the same way
        self.index = SurfaceIndex()
        for e in self.entries:
            for surface in e.surfaces:
                self.index.add(surface, e)
        self.table = self.index.table

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    # ------------------------------------------------------------------ lookup by name
    def lookup(self, name: str) -> ActorEntry | None:
        """The actor whose name, short name or alias is exactly ``name`` (one only)."""
        s = _compact(name)
        if s in self.by_name:
            return self.by_name[s]
        cands = self.table.get(s, [])
        return self._pick(cands)

    def suggestions(self, name: str, n: int = 5) -> list[str]:
        """Close matches for an unknown name: containment first, then similar spellings."""
        s = _compact(name)
        if not s:
            return []
        out: list[str] = []
        for e in self.entries:
            if any(s in surf or (len(surf) >= 2 and surf in s) for surf in e.surfaces):
                out.append(e.name)
        surfaces = {surf: e.name for e in self.entries for surf in e.surfaces}
        for surf in difflib.get_close_matches(s, list(surfaces), n=n, cutoff=0.4):
            out.append(surfaces[surf])
        return list(dict.fromkeys(out))[:n]

    def _pick(self, cands: list[ActorEntry]) -> ActorEntry | None:
        if len(cands) == 1:
            return cands[0]
        names = {c.name for c in cands}
        parents = [c for c in cands if all(o is c or o.parent == c.name for o in cands)]
        if len(parents) == 1 and names:
            return parents[0]
        return None

    # ------------------------------------------------------------------ in a text
    def scan(self, text: str) -> list[tuple[int, int, str, list[ActorEntry]]]:
        return self.index.scan(text)

    def find(self, text: str, places=(), own: str = "") -> list[ActorMention]:
        """Actor mentions in ``text``. ``places`` are spans of place names (or a function of no
        argument giving them, called only when a short name needs checking); ``own`` is the name
        of the text's own actor (its short name may then stand alone)."""
        raw = self.scan(text)
        place_spans: list[tuple[int, int]] | None = None
        full_named = {own} if own else set()
        for _s, _e, surface, cands in raw:
            entry = self._pick(cands)
            if entry is not None and len(surface) > SHORT_MAX:
                full_named.add(entry.name)
        out: list[ActorMention] = []
        for start, end, surface, cands in raw:
            entry = self._pick(cands)
            if entry is None:
                continue
            if len(surface) <= SHORT_MAX:
                if place_spans is None:
                    place_spans = list(places() if callable(places) else places)
                if any(ps < end and start < pe and (ps < start or pe > end) for ps, pe in place_spans):
                    continue  # part of a longer place name (阿里地区)
                if not self._short_ok(text, start, end, entry, full_named):
                    continue
            out.append(ActorMention(entry.name, entry.kind, surface, start, end, entry.key or entry.name))
        return out

    @staticmethod
    def _short_ok(text: str, start: int, end: int, entry: ActorEntry, full_named: set[str]) -> bool:
        before = text[start - 1] if start > 0 else ""
        if before and _CJK.match(before) and before not in _BOUNDARY_CHARS:
            return False  # inside a longer word: 兴隆基地, 中华能源
        if any(text.endswith(w, 0, start) for w in _PLACE_BEFORE):
            return False  # 长江三峡
        after = text[end : end + 4]
        if after.startswith(_ORG_AFTER):
            return True
        if after.startswith(_PLACE_AFTER):
            return False  # 三峡大坝, 三峡库区, 华电路
        return entry.name in full_named


def step_actors(pa, gazetteer=None):
    """Pipeline step: actor mentions in the title and text; in actor mode (``analyse(actor=…)``)
    the targets belong to the actor, not to a jurisdiction."""
    registry = getattr(gazetteer, "actor_registry", None)
    if pa.actor is not None:
        pa.jurisdiction = None
        pa.jurisdictions = []
        pa.warnings = [w for w in pa.warnings if not w.startswith("jurisdiction:")]
    if not registry:
        return pa
    own = pa.actor.name if pa.actor is not None else ""
    pa.actors = registry.find(pa.text, lambda: [(m.start, m.end) for m in gazetteer.find_places(pa.text)], own=own)
    return pa
