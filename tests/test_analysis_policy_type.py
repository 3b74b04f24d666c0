"""Policy type: the most specific ending of the title (or of the wrapped policy's title)."""

import json
from pathlib import Path

from ccnt.analysis import analyse
from ccnt.analysis.policy_type import policy_type_of, short_type


def test_it_prefers_the_most_specific_ending():
    assert policy_type_of("江苏省碳达峰实施方案") == "implementation_plan"
    assert policy_type_of("山东省工业领域碳达峰工作方案") == "work_plan"
    assert policy_type_of("2030年前碳达峰行动方案") == "action_plan"
    assert policy_type_of("云南省加快建立健全绿色低碳循环发展经济体系行动计划") == "action_programme"
    assert policy_type_of("国务院关于加快建立健全绿色低碳循环发展经济体系的指导意见") == "guiding_opinions"
    assert (
        policy_type_of("湖南省人民政府关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的实施意见")
        == "implementation_opinions"
    )
    assert policy_type_of("山东省财政支持做好碳达峰碳中和工作的意见") == "opinions"


def test_it_reads_other_types():
    cases = {
        "“十四五”工业绿色发展规划": "planning",
        "毕节市林业碳票管理办法（试行）": "measures_admin",
        "陕西省加快建立健全绿色低碳循环发展经济体系若干措施": "measures",
        "广州市生态环境保护条例": "regulations",
        "关于碳达峰碳中和科技创新专项的实施细则": "implementation_rules",
        "企业温室气体排放报告核查指南（试行）": "guidelines",
        "中华人民共和国节约能源法": "law",
        "关于开展2022年珠海市建筑领域碳达峰碳中和宣传讲座的通知": "notice",
        "崇明世界级生态岛发展规划纲要（2021-2035年）": "outline",
    }
    for title, code in cases.items():
        assert policy_type_of(title) == code, title


def test_it_types_the_wrapped_policy_not_the_notice():
    pa = analyse("国务院关于印发2030年前碳达峰行动方案的通知\n正文。")
    assert (pa.policy_type, pa.policy_type_code) == ("行动方案", "action_plan")


def test_it_survives_kangxi_radicals_from_pdfs():
    assert policy_type_of("临沂市推进绿⾊低碳县城建设实施⽅案") == "implementation_plan"


def test_its_vocabulary_lives_in_the_taxonomy_with_labels():
    tax = json.loads((Path(__file__).parents[1] / "src/ccnt/data/taxonomy.json").read_text(encoding="utf-8"))
    codes = {t["code"] for t in tax["policy_types"]}
    assert {"implementation_plan", "opinions", "notice", "planning", "measures_admin", "standard"} <= codes
    assert all(t["zh"] and t["en"] and t["short"] for t in tax["policy_types"])
    assert short_type("work_plan") == "方案" and short_type("implementation_opinions") == "意见"
