"""Jurisdiction: issuer first, then the title, then strong cues in the text; never a bare mention."""

from ccnt.analysis import Gazetteer, analyse
from ccnt.analysis.gazetteer import Gazetteer as G


def adcode(pa):
    return pa.jurisdiction.adcode if pa.jurisdiction else None


def test_it_takes_the_city_from_the_title():
    pa = analyse("济南市碳达峰实施方案\n为推进全市碳达峰工作，制定本方案。")
    assert (adcode(pa), pa.jurisdiction.level, pa.jurisdiction.source) == ("370100", "city", "title")


def test_it_puts_beijing_at_province_level():
    pa = analyse("北京市碳达峰实施方案\n为推进本市碳达峰工作，制定本方案。")
    assert (adcode(pa), pa.jurisdiction.level) == ("110000", "province")


def test_it_knows_the_autonomous_regions():
    pa = analyse("西藏自治区工业领域碳达峰实施方案\n正文。")
    assert adcode(pa) == "540000"
    pa = analyse("宁夏回族自治区碳达峰实施方案\n正文。")
    assert adcode(pa) == "640000"


def test_it_maps_national_bodies_to_the_nation():
    for issuer in ("国务院", "国家发展改革委", "生态环境部", "工业和信息化部", "国家发改委 国家能源局"):
        pa = analyse("关于推进某项工作的通知\n正文。", issuer=issuer)
        assert adcode(pa) == "100000", issuer
        assert pa.jurisdiction.level == "national"


def test_it_prefers_the_issuer_to_the_title():
    pa = analyse("关于支持贵州在新时代西部大开发上闯新路的意见\n正文。", issuer="国务院")
    assert adcode(pa) == "100000"
    assert pa.jurisdiction.source == "issuer"


def test_it_resolves_a_county_named_with_its_city():
    pa = analyse("广州市黄埔区促进绿色低碳发展办法\n正文。")
    assert (adcode(pa), pa.jurisdiction.level) == ("440112", "county")


def test_it_resolves_a_county_issuer():
    pa = analyse(
        "关于开展2021年绿色化改造提升项目补助资金申报工作的通知\n正文。", issuer="北京市通州区经济和信息化局"
    )
    assert (adcode(pa), pa.jurisdiction.level) == ("110112", "county")


def test_it_never_takes_an_ambiguous_county_alone():
    # 通州区 exists in Beijing and in Nantong: alone it decides nothing
    pa = analyse("关于开展通州区2021年绿色化改造提升项目补助资金申报工作的通知\n为做好全区工作，现通知如下。")
    assert adcode(pa) != "110112"


def test_it_never_matches_never_alone_names_without_their_parent():
    gaz = G(
        jurisdictions=[
            {
                "adcode": "370000",
                "name": "山东省",
                "short_name": "山东",
                "level": "province",
                "parent_adcode": "100000",
            },
            {
                "adcode": "370100",
                "name": "济南市",
                "short_name": "济南",
                "level": "city",
                "parent_adcode": "370000",
            },
            {
                "adcode": "370103",
                "name": "市中区",
                "short_name": "市中区",
                "level": "county",
                "parent_adcode": "370100",
            },
            {
                "adcode": "370101",
                "name": "市辖区",
                "level": "county",
                "parent_adcode": "370100",
                "kind": "placeholder",
            },
        ],
        aliases=[{"adcode": "370103", "alias": "市中区", "never_alone": "1"}],
    )
    assert [m.place.adcode for m in gaz.find_places("市中区节能方案")] == []
    assert [m.place.adcode for m in gaz.find_places("市辖区节能方案")] == []
    assert [m.place.adcode for m in gaz.find_places("济南市市中区节能方案")] == ["370100", "370103"]


def test_it_does_not_decide_from_a_bare_mention_in_the_body():
    text = "城乡建设领域碳达峰实施方案\n各省、自治区、直辖市要结合实际推进。学习江苏省、浙江省的经验，在上海市试点。"
    pa = analyse(text)
    assert adcode(pa) == "100000"
    assert pa.jurisdiction.source == "default"


def test_it_leaves_a_local_text_without_a_place_empty():
    pa = analyse("关于推进我省绿色低碳县城建设的意见\n全省各地要抓好落实，本省各部门要协同推进。")
    assert pa.jurisdiction is None


def test_it_reads_the_signature_block_when_the_title_names_no_place():
    text = "关于加强草原保护修复的实施意见\n各市、县人民政府：\n为加强全区草原保护，提出如下意见。\n宁夏回族自治区人民政府\n2021年9月1日"
    pa = analyse(text)
    assert adcode(pa) == "640000"


def test_it_gives_several_jurisdictions_for_joint_issuance():
    pa = analyse(
        "关于推动成渝地区双城经济圈绿色发展的实施意见\n正文。", issuer="重庆市人民政府、四川省人民政府"
    )
    assert [j.adcode for j in pa.jurisdictions] == ["500000", "510000"]
    assert adcode(pa) == "500000"


def test_it_accepts_a_gazetteer_built_from_plain_lists():
    gaz = Gazetteer(
        jurisdictions=[
            {
                "adcode": "999900",
                "name": "测试市",
                "short_name": "测试",
                "level": "city",
                "parent_adcode": "100000",
            }
        ]
    )
    pa = analyse("测试市节能方案\n正文。", gazetteer=gaz)
    assert adcode(pa) == "999900"


def test_it_reads_the_place_of_an_announced_title():
    pa = analyse("6月8日，我市印发《汉中市绿色低碳发展实施方案》。方案明确了全市的重点任务。")
    assert (adcode(pa), pa.jurisdiction.source) == ("610700", "text")


def test_it_reads_the_issuing_body_before_an_announced_title():
    pa = analyse("为加强数据质量管理，江西省生态环境厅制定《控排企业数据报告管理办法》，现予公布。全国各地参照执行。")
    assert adcode(pa) == "360000"


def test_it_prefers_the_announced_title_to_a_branch_office():
    text = "近日，人民银行南宁中心支行联合广西银保监局发布《关于金融支持广西壮族自治区绿色发展的意见》。"
    assert adcode(analyse(text)) == "450000"


def test_it_does_not_read_a_cited_plan_as_an_announcement():
    pa = analyse("关于做好节能工作的通知\n各省、自治区、直辖市：为贯彻落实《江苏省碳达峰实施方案》，全国各地区要做好节能工作。")
    assert adcode(pa) != "320000"


def test_it_reads_a_masthead_the_gazetteer_does_not_name():
    pa = analyse("天津滨海高新技术产业开发区管理委员会文件\n关于印发资金支持政策的通知\n各部门：现印发给你们。")
    assert adcode(pa) == "120000"


def test_it_falls_back_to_the_province_of_the_document_number():
    pa = analyse("市发展改革委关于印发《关于做好用能保障的措施》的通知\n浙发改能源〔2022〕93号\n各区人民政府：现印发给你们。")
    assert (adcode(pa), pa.jurisdiction.source) == ("330000", "doc_number")
    # 宁 is 宁夏 and 南京 alike: no guess
    pa = analyse("市发展改革委关于印发《关于做好用能保障的措施》的通知\n宁发改能源〔2022〕93号\n各区人民政府：现印发给你们。")
    assert pa.jurisdiction is None or pa.jurisdiction.source != "doc_number"


def test_it_never_takes_a_cited_plan_for_the_text_announced():
    pa = analyse("杭州市碳达峰实施方案\n按照省委、省政府印发《浙江省碳达峰实施方案》的部署要求，结合我市实际，制定本方案。")
    assert (adcode(pa), pa.jurisdiction.source) == ("330100", "title")


def test_it_reads_a_notice_to_cities_as_a_provinces():
    pa = analyse("关于下达2021年农村公路养护工程省级补助资金的通知\n各市、县（市、区）财政局、交通运输局：根据《浙江省农村公路养护管理办法》，"
                 "现下达你单位补助资金32650万元。")
    assert (adcode(pa), pa.jurisdiction.source) == ("330000", "text")


def test_it_leaves_a_local_notice_that_names_no_place_to_a_curator():
    pa = analyse("关于开展2023年全国节能宣传周和全国低碳日活动的通知\n各县（市、区）发展改革局：2023年全国节能宣传周为7月10日至16日。")
    assert pa.jurisdiction is None  # a city's notice: not the nation's, and no city named
    pa = analyse("关于开展节能宣传周活动的通知\n各省、自治区、直辖市发展改革委：全国节能宣传周为7月10日至16日。")
    assert adcode(pa) == "100000"
