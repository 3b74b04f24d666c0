"""Synthetic published policies for benchmarks: ``ccnt synth N [--seed S]``.

Seeded and deterministic. Titles are composed from real places, real policy types and the
themes of the taxonomy; bodies of 2–5 KB are recombined from the sentences of the real texts in
the shared corpus (read from there, never copied into the project), leaning towards the
title's theme. About a third carry targets whose source sentence sits in the body with correct
offsets. Every synthetic policy has an ``import_key`` starting with ``synth:`` so
``ccnt synth --delete`` removes them all.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection, transaction

from ccnt.paths import corpus_dir
from ccnt.tracker.models import (
    Authority,
    Category,
    Indicator,
    Jurisdiction,
    Policy,
    PolicyIssuer,
    PolicyRelation,
    PolicyVersion,
    Sector,
    Target,
    Topic,
)

from . import index
from .models import PolicyIndex, PolicyTerm

KEY_PREFIX = "synth:"
BATCH = 2000

# (theme in a title, category, sectors, topics, words that pick matching corpus sentences)
THEMES = [
    ("碳达峰", "one_plus_n", ["economy"], [], "碳达峰"),
    ("新型储能发展", "energy", ["energy"], ["energy_storage"], "储能"),
    ("氢能产业发展", "energy", ["energy", "industry"], ["hydrogen"], "氢"),
    ("光伏发电开发建设", "energy", ["energy"], ["renewables"], "光伏"),
    ("煤电机组改造升级", "energy", ["energy"], ["coal_control"], "煤电"),
    ("能源绿色低碳转型", "energy", ["energy"], ["renewables", "power_system"], "能源"),
    ("新型电力系统建设", "energy", ["energy"], ["power_system"], "电力"),
    ("可再生能源发展", "energy", ["energy"], ["renewables"], "可再生能源"),
    ("节能降碳增效", "efficiency", ["economy", "industry"], ["energy_efficiency"], "节能"),
    ("重点领域节能降碳技术改造", "efficiency", ["industry"], ["energy_efficiency", "industry_transition"], "节能"),
    ("工业领域碳达峰", "one_plus_n", ["industry"], ["industry_transition"], "工业"),
    ("钢铁行业绿色低碳发展", "industry", ["industry"], ["industry_transition"], "钢铁"),
    ("城乡建设领域碳达峰", "one_plus_n", ["buildings"], ["green_buildings"], "建筑"),
    ("绿色建筑创建行动", "buildings", ["buildings"], ["green_buildings"], "建筑"),
    ("清洁取暖", "buildings", ["buildings", "energy"], ["clean_heating"], "供暖"),
    ("交通运输绿色低碳发展", "transport", ["transport"], ["green_transport"], "交通"),
    ("新能源汽车推广应用", "transport", ["transport"], ["evs"], "新能源汽车"),
    ("充电基础设施建设", "transport", ["transport", "energy"], ["evs"], "充电"),
    ("农业农村减排固碳", "agri_land", ["agriculture"], ["agriculture"], "农业"),
    ("生态系统碳汇能力巩固提升", "agri_land", ["forestry"], ["carbon_sinks"], "碳汇"),
    ("循环经济发展", "circular", ["circular"], ["circular_economy"], "循环"),
    ("废旧物资循环利用体系建设", "circular", ["circular"], ["circular_economy"], "回收"),
    ("碳排放权交易管理", "markets_finance", ["markets_finance"], ["carbon_market"], "碳排放权"),
    ("绿色金融改革创新", "markets_finance", ["markets_finance"], ["green_finance"], "金融"),
    ("减污降碳协同增效", "cross_sector", ["cross_sector"], ["pollution_carbon_synergy"], "减污降碳"),
    ("低碳零碳试点示范", "cross_sector", ["cross_sector"], ["zero_carbon_pilots"], "试点"),
    ("碳排放统计核算体系建设", "cross_sector", ["cross_sector"], ["standards_statistics"], "统计"),
    ("绿色低碳科技创新", "innovation", ["technology"], ["technology_innovation"], "科技"),
    ("碳捕集利用与封存技术示范", "innovation", ["technology"], ["ccus"], "碳捕集"),
    ("适应气候变化", "adaptation", ["cross_sector"], ["adaptation"], "气候"),
]
TITLE_FORMS = [
    ("{place}{theme}实施方案", "实施方案"),
    ("{place}{theme}行动方案", "行动方案"),
    ("{place}{theme}工作方案", "工作方案"),
    ("{place}关于推进{theme}的实施意见", "实施意见"),
    ("{place}关于加快{theme}的指导意见", "指导意见"),
    ("{place}“十四五”{theme}规划", "规划"),
    ("{place}{theme}三年行动计划（{y}—{y2}年）", "行动计划"),
    ("{place}关于印发{theme}若干措施的通知", "措施"),
    ("{place}{theme}管理办法", "办法"),
    ("{place}{theme}工作要点", "要点"),
]
LEVEL_SHARE = [("national", 0.1), ("province", 0.35), ("city", 0.4), ("county", 0.15)]
LEGAL_FORCE = {"办法": "local_government_rule", "措施": "normative_document"}
SECTIONS = ["一、总体要求", "二、主要目标", "三、重点任务", "四、保障措施", "五、组织实施"]
TARGETS = [
    ("non_fossil_share", "非化石能源消费比重达到{v}%左右", (15, 30), "%"),
    ("energy_intensity", "单位地区生产总值能源消耗比2020年下降{v}%", (10, 16), "%"),
    ("carbon_intensity", "单位地区生产总值二氧化碳排放比2020年下降{v}%", (15, 22), "%"),
    ("other", "新型储能装机规模达到{v}万千瓦", (50, 500), "万千瓦"),
    ("other", "光伏装机容量达到{v}万千瓦", (100, 2000), "万千瓦"),
]


@dataclass
class Pools:
    sentences: list[str]
    by_word: dict[str, list[str]]
    places: dict[str, list[Jurisdiction]]
    national: Jurisdiction
    authorities: dict[int, list[Authority]]
    national_authorities: list[Authority]
    categories: dict[str, Category]
    sectors: dict[str, Sector]
    topics: dict[str, Topic]
    indicators: dict[str, Indicator]


def corpus_sentences() -> list[str]:
    """Sentences of the real texts in the shared corpus (read in place), in a stable order."""
    sentences: list[str] = []
    for path in sorted(corpus_dir().glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for sentence in re.findall(r"[^。！？]+[。！？]?", line):
                sentence = sentence.strip()
                if len(sentence) >= 12:
                    sentences.append(sentence if sentence[-1] in "。！？" else sentence + "。")
    if not sentences:
        raise RuntimeError(f"no corpus texts in {corpus_dir()} (set CCNT_CORPUS_DIR)")
    return sentences


def load_pools() -> Pools:
    sentences = corpus_sentences()
    by_word = {theme[4]: [s for s in sentences if theme[4] in s] or sentences for theme in THEMES}
    places: dict[str, list[Jurisdiction]] = {"province": [], "city": [], "county": []}
    for j in Jurisdiction.objects.current().filter(kind="division", level__in=list(places)).order_by("adcode"):
        places[j.level].append(j)
    authorities: dict[int, list[Authority]] = {}
    national_authorities = []
    for a in Authority.objects.exclude(jurisdiction=None).select_related("jurisdiction").order_by("name"):
        if a.jurisdiction.adcode == "100000":
            national_authorities.append(a)
        else:
            authorities.setdefault(a.jurisdiction_id, []).append(a)
    return Pools(
        sentences=sentences, by_word=by_word, places=places, national=Jurisdiction.objects.by_adcode("100000"),
        authorities=authorities, national_authorities=national_authorities,
        categories={c.code: c for c in Category.objects.all()}, sectors={s.code: s for s in Sector.objects.all()},
        topics={t.code: t for t in Topic.objects.all()}, indicators={i.code: i for i in Indicator.objects.all()},
    )


def _place_name(j: Jurisdiction, pools: Pools) -> str:
    return "" if j == pools.national else j.name


def make_one(rng: random.Random, number: int, seed: int, pools: Pools) -> dict:
    """One synthetic policy as plain data (no database access)."""
    roll, level = rng.random(), "county"
    for name, share in LEVEL_SHARE:
        if roll < share:
            level = name
            break
        roll -= share
    place = pools.national if level == "national" else rng.choice(pools.places[level])
    theme, category, sectors, topics, word = rng.choice(THEMES)
    form, policy_type = rng.choice(TITLE_FORMS)
    published = date(2020, 1, 1) + timedelta(days=rng.randrange(6 * 365 + 1))
    year = published.year
    title = form.format(place=_place_name(place, pools), theme=theme, y=year, y2=year + 2)
    # body: an opening, then sections of corpus sentences, a third of them on the theme
    size = rng.randint(2000, 5000)
    parts = [f"为深入贯彻落实党中央、国务院关于碳达峰碳中和的重大战略决策，推进{_place_name(place, pools)}"
             f"{theme}工作，制定本{policy_type}。"]
    targets = []
    if rng.random() < 0.35:
        year_of_target = rng.choice([2025, 2030])
        for indicator, template, (low, high), unit in rng.sample(TARGETS, rng.randint(1, 3)):
            value = rng.randint(low, high)
            targets.append((indicator, year_of_target, value, unit, f"到{year_of_target}年，" + template.format(v=value)))
    section, length = 0, len(parts[0].encode("utf-8"))
    while length < size:
        if section < len(SECTIONS) and (length > size * section / len(SECTIONS)):
            parts.append("\n" + SECTIONS[section] + "\n")
            if section == 1:
                parts.extend(t[4] + "。" for t in targets)
            section += 1
        pool = pools.by_word[word] if rng.random() < 0.33 else pools.sentences
        sentence = rng.choice(pool)
        parts.append(sentence)
        length += len(sentence.encode("utf-8"))
    body = "".join(parts)
    signed = published - timedelta(days=rng.randrange(1, 30))
    issuers = pools.national_authorities if level == "national" else pools.authorities.get(place.pk, [])
    return {
        "key": f"{KEY_PREFIX}{seed}:{number}", "title": title, "level": level, "place": place,
        "category": category, "sectors": sectors, "topics": topics, "policy_type": policy_type,
        "legal_force": LEGAL_FORCE.get(policy_type, "normative_document"),
        "published": published if rng.random() > 0.05 else None, "signed": signed,
        "issuer": rng.choice(issuers) if issuers else None,
        "doc_number": f"{(place.short_name or place.name)[:2]}发〔{year}〕{rng.randint(1, 200)}号",
        "body": body, "targets": targets,
    }


def create(n: int, seed: int = 1, start: int = 0, progress=None) -> int:
    """Make ``n`` synthetic published policies (numbers ``start``…) and index them."""
    pools = load_pools()
    rng = random.Random(seed * 1_000_003 + start)
    made = 0
    while made < n:
        batch = [make_one(rng, start + made + i, seed, pools) for i in range(min(BATCH, n - made))]
        _write(batch, pools)
        made += len(batch)
        if progress:
            progress(made)
    if connection.vendor == "postgresql":
        # fresh statistics for the planner after a bulk load (autovacuum would get there later;
        # until then it planned searches for an empty table)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return made


def _write(batch: list[dict], pools: Pools) -> None:
    with transaction.atomic():
        policies = Policy.objects.bulk_create([
            Policy(import_key=item["key"], title=item["title"], doc_number=item["doc_number"], level=item["level"],
                   jurisdiction=item["place"], policy_type=item["policy_type"], legal_force=item["legal_force"],
                   category=pools.categories.get(item["category"]), published_date=item["published"],
                   signed_date=item["signed"], status="in_force", review_state="published",
                   field_sources={"*": "synth"})
            for item in batch
        ])
        if not all(p.pk for p in policies):  # databases that do not return ids from bulk inserts
            ids = dict(Policy.objects.filter(import_key__in=[i["key"] for i in batch]).values_list("import_key", "pk"))
            for policy in policies:
                policy.pk = ids[policy.import_key]
        versions = PolicyVersion.objects.bulk_create([
            PolicyVersion(policy=p, number=1, text=item["body"]) for p, item in zip(policies, batch, strict=True)
        ])
        if not all(v.pk for v in versions):
            ids = dict(PolicyVersion.objects.filter(policy__in=policies).values_list("policy_id", "pk"))
            for version in versions:
                version.pk = ids[version.policy_id]
        for policy, version in zip(policies, versions, strict=True):
            policy.published_version = version
        Policy.objects.bulk_update(policies, ["published_version"], batch_size=1000)
        Jurisdictions = Policy.jurisdictions.through
        Sectors = Policy.sectors.through
        Topics = Policy.topics.through
        Jurisdictions.objects.bulk_create([Jurisdictions(policy_id=p.pk, jurisdiction_id=i["place"].pk)
                                           for p, i in zip(policies, batch, strict=True)])
        Sectors.objects.bulk_create([Sectors(policy_id=p.pk, sector_id=pools.sectors[c].pk)
                                     for p, i in zip(policies, batch, strict=True) for c in i["sectors"]])
        Topics.objects.bulk_create([Topics(policy_id=p.pk, topic_id=pools.topics[c].pk)
                                    for p, i in zip(policies, batch, strict=True) for c in i["topics"]])
        PolicyIssuer.objects.bulk_create([PolicyIssuer(policy=p, authority=i["issuer"], order=0)
                                          for p, i in zip(policies, batch, strict=True) if i["issuer"]])
        targets = []
        for policy, version, item in zip(policies, versions, batch, strict=True):
            for order, (code, year, value, unit, text) in enumerate(item["targets"]):
                start = item["body"].find(text)
                targets.append(Target(
                    policy=policy, version=version, order=order, indicator=pools.indicators.get(code)
                    or pools.indicators["other"], target_year=year, value_low=value, value_high=value, unit=unit,
                    comparator="~" if "左右" in text else "=", text=text, start=start, end=start + len(text),
                    source="synth",
                ))
        Target.objects.bulk_create(targets, batch_size=1000)
    index.reindex_ids([p.pk for p in policies])


def delete() -> int:
    """Remove every synthetic policy (import_key ``synth:…``) with its rows, fast."""
    ids = Policy.objects.filter(import_key__startswith=KEY_PREFIX).values("pk")
    count = Policy.objects.filter(import_key__startswith=KEY_PREFIX).count()
    with transaction.atomic():
        for queryset in (
            PolicyTerm.objects.filter(policy_id__in=ids), PolicyIndex.objects.filter(policy_id__in=ids),
            Target.objects.filter(policy_id__in=ids), PolicyIssuer.objects.filter(policy_id__in=ids),
            Policy.jurisdictions.through.objects.filter(policy_id__in=ids),
            Policy.sectors.through.objects.filter(policy_id__in=ids),
            Policy.topics.through.objects.filter(policy_id__in=ids),
            PolicyRelation.objects.filter(source_id__in=ids), PolicyRelation.objects.filter(target_id__in=ids),
        ):
            queryset._raw_delete(connection.alias)
        Policy.objects.filter(import_key__startswith=KEY_PREFIX).update(published_version=None)
        PolicyVersion.objects.filter(policy_id__in=ids)._raw_delete(connection.alias)
        Policy.objects.filter(import_key__startswith=KEY_PREFIX)._raw_delete(connection.alias)
        index.touch_catalogue()  # regions lost policies: every scoped page too
    return count
