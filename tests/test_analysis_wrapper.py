"""A notice that issues (印发) or forwards (转发) a policy: the policy is the wrapped one."""

from ccnt.analysis import analyse
from ccnt.analysis.policy_type import unwrap_all

NOTICE = """国务院关于印发2030年前碳达峰行动方案的通知
国发〔2021〕23号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
现将《2030年前碳达峰行动方案》印发给你们，请认真贯彻执行。
国务院
2021年10月24日
（此件公开发布）
2030年前碳达峰行动方案
为深入贯彻落实党中央、国务院关于碳达峰、碳中和的重大战略决策，扎实推进碳达峰行动，制定本方案。
"""


def test_it_takes_title_and_type_from_the_wrapped_policy():
    pa = analyse(NOTICE)
    assert pa.wrapper == "印发"
    assert pa.title == pa.wrapped_title == "2030年前碳达峰行动方案"
    assert pa.notice_title == "国务院关于印发2030年前碳达峰行动方案的通知"
    assert (pa.policy_type, pa.policy_type_code) == ("行动方案", "action_plan")
    assert pa.category == "one_plus_n"


def test_it_takes_number_dates_and_issuer_from_the_notice():
    pa = analyse(NOTICE)
    assert pa.doc_number == "国发〔2021〕23号"
    assert [(d.kind, d.date) for d in pa.dates] == [("signed", "2021-10-24")]
    assert pa.issuers == ["国务院"]
    assert pa.jurisdiction.adcode == "100000"


def test_it_unwraps_quoted_and_nested_titles():
    assert unwrap_all("江苏省人民政府关于印发《江苏省碳达峰实施方案》的通知")[:2] == (
        "印发",
        "江苏省碳达峰实施方案",
    )
    verb, inner, _ = unwrap_all("省政府办公厅转发国家发展改革委关于印发《绿色债券支持项目目录》的通知的通知")
    assert (verb, inner) == ("转发", "绿色债券支持项目目录")
    assert unwrap_all("江苏省人民政府印发关于推动高质量发展做好碳达峰碳中和工作实施意见")[:2] == (
        "印发",
        "关于推动高质量发展做好碳达峰碳中和工作实施意见",
    )


def test_it_does_not_unwrap_ordinary_notices():
    assert unwrap_all("关于开展2022年碳排放核查工作的通知") == ("", "", [])
    assert unwrap_all("关于公布第一批绿色工厂名单的通知") == ("", "", [])


def test_a_forwarded_policy_keeps_its_original_issuer():
    text = "江苏省人民政府办公厅转发省发展改革委关于加快推进新型储能发展实施意见的通知\n各市人民政府：\n现转发给你们。\n江苏省人民政府办公厅\n2022年3月1日"
    pa = analyse(text)
    assert pa.wrapper == "转发"
    assert pa.issuers == ["江苏省发展和改革委员会"]
    assert pa.notice_issuers == ["江苏省人民政府办公厅"]
    assert pa.jurisdiction.adcode == "320000"
    assert (pa.policy_type, pa.policy_type_code) == ("实施意见", "implementation_opinions")
