"""Test policies for the monthly report, in a month the demo never touches (2031-03), so the
expected sections, order, entries and comparisons are known.

national  “1+N”  国务院 测试国家碳达峰行动方案  energy_intensity 2025 −13.5% vs 2020 (the benchmark),
                                              co2_peak 2030年前 (确保); has text → generated summary
local     “1+N”  杭州市 (city)  energy_intensity 2025 −14.5% vs 2020, co2_peak 力争2030年前
                 宁波市 (city)  energy_intensity 2025 −14% vs 2020
                 甘肃省 (prov.) energy_intensity 2025 −12.5% vs 2020, and −30% vs 2015 (not comparable);
                                no publication date: placed by its signing date (flagged)
          能源   江苏省 (prov.) new_energy_storage_capacity 2025 260万千瓦; curator summary
not in the report: a draft of the month, a policy of the next month, an undated policy
"""

from __future__ import annotations

from datetime import date

MONTH = "2031-03"
NATIONAL_TITLE = "测试国家碳达峰行动方案"
NATIONAL_TEXT = (
    "测试国家碳达峰行动方案\n为深入贯彻落实碳达峰碳中和重大战略决策，扎实推进碳达峰行动，制定本方案。\n"
    "一、主要目标\n到2025年，单位国内生产总值能源消耗比2020年下降13.5%。\n确保2030年前实现碳达峰。\n"
    "二、重点任务\n推进能源绿色低碳转型。\n"
)


def add_target(policy, version, indicator: str, year: int, value: float | None = None, *, unit: str = "%",
               metric_kind: str = "level", base_year: int | None = None, direction: str = "decrease",
               comparator: str = "=", firmness: str = "plain", year_comparator: str = "=", text: str = "",
               unit_normalized: str | None = None, factor: float = 1.0, order: int = 0):
    from ccnt.tracker.models import Indicator, Target

    start = end = None
    if version is not None and text and text in version.text:
        start = version.text.index(text)
        end = start + len(text)
    return Target.objects.create(
        policy=policy, version=version, order=order, indicator=Indicator.objects.get(code=indicator),
        target_year=year, year_comparator=year_comparator, value_low=value, value_high=value, unit=unit if value is not None else "",
        value_normalized_low=None if value is None else value * factor,
        value_normalized_high=None if value is None else value * factor,
        unit_normalized=(unit_normalized or unit) if value is not None else "", comparator=comparator if value is not None else "",
        metric_kind=metric_kind, base_year=base_year, direction=direction, firmness=firmness,
        text=text or f"{indicator} {year}", start=start, end=end,
        verified=True,  # a curator's target: comparable (insights.comparable_targets)
    )


def make_policy(title: str, *, adcode: str, level: str, category: str, issuer: str, published: date | None = None,
                signed: date | None = None, text: str = "", state: str = "published", summary: str = "",
                policy_type: str = "实施方案"):
    from ccnt.tracker.models import Authority, Category, Jurisdiction, Policy, PolicyIssuer, PolicyVersion

    jurisdiction = Jurisdiction.objects.by_adcode(adcode)
    policy = Policy.objects.create(
        title=title, level=level, jurisdiction=jurisdiction, category=Category.objects.get(code=category),
        published_date=published, signed_date=signed, review_state=state, summary_zh=summary,
        policy_type=policy_type,
    )
    policy.jurisdictions.set([jurisdiction])
    authority, _ = Authority.objects.get_or_create(name=issuer, defaults={"jurisdiction": jurisdiction})
    PolicyIssuer.objects.create(policy=policy, authority=authority, order=0)
    version = PolicyVersion.objects.create(policy=policy, number=1, text=text)
    policy.published_version = version
    policy.save()
    return policy, version


def create_month_policies() -> dict:
    """The month's test policies, made as a bulk load is (``ccnt.search.index.deferred``): indexed
    once at the end, with the rows as they are then. Rejected: indexing each policy after each of
    its saves, links and targets (five or six reindexes a policy, most of the fixture's time)."""
    from ccnt.search.index import deferred

    with deferred():
        return _month_policies()


def _month_policies() -> dict:
    p = {}
    nat, v = make_policy(NATIONAL_TITLE, adcode="100000", level="national", category="one_plus_n", issuer="国务院",
                         published=date(2031, 3, 5), text=NATIONAL_TEXT, policy_type="行动方案")
    p["national_energy"] = add_target(nat, v, "energy_intensity", 2025, 13.5, metric_kind="change", base_year=2020,
                                      text="单位国内生产总值能源消耗比2020年下降13.5%")
    add_target(nat, v, "co2_peak", 2030, year_comparator="<=", firmness="ensure", direction="level",
               text="确保2030年前实现碳达峰", order=1)
    p["national"] = nat

    hz, v = make_policy("测试甲市碳达峰实施方案", adcode="330100", level="city", category="one_plus_n",
                        issuer="杭州市人民政府", published=date(2031, 3, 10))
    p["hangzhou_energy"] = add_target(hz, v, "energy_intensity", 2025, 14.5, metric_kind="change", base_year=2020)
    add_target(hz, v, "co2_peak", 2030, year_comparator="<=", firmness="stretch", direction="level", order=1)
    p["hangzhou"] = hz

    nb, v = make_policy("测试乙市碳达峰实施方案", adcode="330200", level="city", category="one_plus_n",
                        issuer="宁波市人民政府", published=date(2031, 3, 12))
    p["ningbo_energy"] = add_target(nb, v, "energy_intensity", 2025, 14.0, metric_kind="change", base_year=2020)
    p["ningbo"] = nb

    gs, v = make_policy("测试丙省碳达峰实施方案", adcode="620000", level="province", category="one_plus_n",
                        issuer="甘肃省人民政府", signed=date(2031, 3, 20))
    p["gansu_energy"] = add_target(gs, v, "energy_intensity", 2025, 12.5, metric_kind="change", base_year=2020)
    add_target(gs, v, "energy_intensity", 2025, 30.0, metric_kind="change", base_year=2015, order=1)
    p["gansu"] = gs

    js, v = make_policy("测试丁省新型储能发展方案", adcode="320000", level="province", category="energy",
                        issuer="江苏省发展和改革委员会", published=date(2031, 3, 15), summary="策展人撰写的摘要。",
                        policy_type="方案")
    add_target(js, v, "new_energy_storage_capacity", 2025, 260.0, unit="万千瓦", unit_normalized="kW", factor=1e4,
               direction="increase")
    p["jiangsu"] = js

    p["draft"], _ = make_policy("测试草稿方案", adcode="320000", level="province", category="energy",
                                issuer="江苏省发展和改革委员会", published=date(2031, 3, 16), state="needs_review")
    p["next_month"], _ = make_policy("测试下月方案", adcode="320000", level="province", category="energy",
                                     issuer="江苏省发展和改革委员会", published=date(2031, 4, 1))
    p["undated"], _ = make_policy("测试无日期方案", adcode="320000", level="province", category="energy",
                                  issuer="江苏省发展和改革委员会")
    return p


def section_titles(tree) -> list[tuple[str, str]]:
    return [(part.key, section.keyword) for part in tree.parts for section in part.sections]


def entry_titles(tree) -> list[str]:
    return [entry.title for entry in tree.entries()]


EXPECTED_SECTIONS = [("national", "“1+N”政策体系"), ("local", "“1+N”政策体系"), ("local", "能源")]
EXPECTED_ENTRIES = [NATIONAL_TITLE, "测试甲市碳达峰实施方案", "测试乙市碳达峰实施方案", "测试丙省碳达峰实施方案",
                    "测试丁省新型储能发展方案"]
