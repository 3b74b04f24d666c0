"""Issuers: an ordered list, lead first, canonicalised through the gazetteer."""

from ccnt.analysis import analyse


def test_it_canonicalises_aliases_of_national_bodies():
    pa = analyse("关于某事的通知\n正文。", issuer="国家发改委、国家能源局")
    assert pa.issuers == ["国家发展和改革委员会", "国家能源局"]


def test_it_reads_the_heading_before_guanyu():
    pa = analyse("中共中央 国务院关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的意见\n正文。")
    assert pa.issuers == ["中共中央", "国务院"]


def test_it_reads_the_signature_block():
    text = "江苏省碳达峰实施方案\n为推进全省碳达峰工作，制定本方案。\n各地要抓好落实。\n江苏省人民政府\n2022年7月5日"
    pa = analyse(text)
    assert pa.issuers == ["江苏省人民政府"]


def test_it_keeps_every_body_of_a_joint_signature_in_order():
    text = (
        "关于推进绿色建筑发展的实施意见\n各市人民政府：\n现提出如下意见。\n"
        "江苏省住房和城乡建设厅    江苏省发展改革委\n江苏省财政厅\n2022年3月1日"
    )
    pa = analyse(text)
    assert pa.issuers == ["江苏省住房和城乡建设厅", "江苏省发展和改革委员会", "江苏省财政厅"]


def test_it_canonicalises_local_bodies():
    pa = analyse("关于某事的通知\n正文。", issuer="济南市发改委,中共江苏省委,佛山市住建局")
    assert pa.issuers == ["济南市发展和改革委员会", "中共江苏省委员会", "佛山市住房和城乡建设局"]


def test_it_does_not_take_the_recipients_of_chaosong():
    text = (
        "关于某事的通知\n各有关单位：\n正文。\n山东省生态环境厅\n2022年1月5日\n"
        "抄送：生态环境部，国家发展改革委。\n山东省生态环境厅办公室  2022年1月6日印发"
    )
    pa = analyse(text)
    assert pa.issuers == ["山东省生态环境厅"]


def test_it_prefers_the_callers_hint():
    text = "关于某事的通知\n正文。\n江苏省人民政府\n2022年7月5日"
    pa = analyse(text, issuer="江苏省人民政府办公厅")
    assert pa.issuers == ["江苏省人民政府办公厅"]
