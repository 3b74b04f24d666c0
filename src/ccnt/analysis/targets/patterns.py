"""The vocabulary of target sentences: number, unit, year and period patterns, comparator verbs,
fillers and metric heads. Data only (compiled regexes and word lists); the rules live beside it.

Rejected: spreading these over the rules that use them — the same verb list serves the value,
comparator and subject rules, and one place keeps them consistent.
"""

from __future__ import annotations

import re

from ..units import UNIT_PATTERN

MAX_TEXT_CHARS = 50_000_000  # refuse absurd inputs instead of working for minutes
WINDOW = 80  # how far back (chars) a value's clause is read
SENTENCE_CAP = 400  # how far the `sentence` field reaches each side

# --------------------------------------------------------------------------- patterns

CN_NUM = "零〇一二两三四五六七八九十百千万亿"
NUM_A = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?![\d.])|\d+(?:\.\d+)?"
VALUE_RE = re.compile(
    r"(?<![\d.A-Za-z/±+_])(?:"
    # 1万—3万辆 / 1亿—1.5亿吨: the low end keeps its multiplier and shares the high end's unit
    rf"(?P<n1>{NUM_A})(?P<m1>[万亿](?=\s?(?:-|—|~|至|到)))?\s?(?P<u1>{UNIT_PATTERN})?\s?(?:-|—{{1,2}}|~|至|到)\s?(?P<n2>{NUM_A})\s?(?P<u2>{UNIT_PATTERN})"
    # 占比20 ⏎ — 1 — ⏎ %左右: a page's number line joined inside a sentence (extractor.drop_page_numbers)
    rf"|(?P<n>{NUM_A})(?:\u3000{{3,}}|\s?)(?P<u>{UNIT_PATTERN})"
    # 百分之八十 / 百分之三点五 / 百分之百: a percentage in words; 一半 (50%), 四分之一 (25%) after a comparator
    rf"|百分之(?P<pc>[{CN_NUM}点]{{1,6}}|\d+(?:\.\d+)?)"
    r"|(?:(?<=超过)|(?<=达到)|(?<=[过占于到]))(?P<half>一半|[二三四五六七八九十]分之[一二三四五六七八九])"
    # 创建百家绿色示范园区和千家绿色示范工厂 / 推广万种绿色产品: a round number after a build verb
    r"|(?<=[建设育造广创发和、])(?P<round>[百千万])(?P<ru>家|个|项|座|所|种|户)(?!万户)(?=[\u4e00-\u9fff“])"
    # 万元GDP, 亿元: a lone multiplier is part of a unit phrase, not a number
    rf"|(?<![{CN_NUM}第每])(?![百千万亿](?![{CN_NUM}]))(?P<cn>[{CN_NUM}]{{1,12}}?)(?P<cu>{UNIT_PATTERN})"
    # 左⏎右: a wrapped line's join (\u3000) may fall inside the word
    r")(?P<suf>\s?(?:及\u3000?以\u3000?[上下]|以\u3000?[上下内]|之\u3000?内|左\u3000?右|上\u3000?下))?"
)
# a bare number right after a comparator verb, no unit: PUE 不高于1.3
BARE_RE = re.compile(rf"(?<![\d.A-Za-z/±+_])(?P<n>{NUM_A})(?![\d.%A-Za-z/])")

YEAR_RE = re.compile(
    r"(?P<pre>力争到|争取到|确保到|计划到|预计到|力争在|力争于|确保在|力争|确保|截至|截止|相比|相较|"
    r"到|至|在|于|从|自|比|较|与|同|和|、)?\s?"
    r"(?<!\d)(?P<year>(?:19|20)\d{2})\s?年"
    # a page's line break may fall inside a base phrase (在2012年基⏎础上): \u3000 there (extractor.WRAP_JOIN)
    r"(?P<post>底前|末前|以前|之前|年底|底|末|前|起|以来|开始|的基础上|基\u3000?础\u3000?上|水平上|的水平|水平|相比|比|以后|之后|后|度|"
    r"为基数|为基准|为基期|"
    r"\d{1,2}月|左右)?"
)
PERIOD_NAMES = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
PERIOD_RE = re.compile(
    r"(?P<pre>力争在|力争|确保在|确保|到|在|至)?[“\"]?(?P<p1>十[一二三四五六]五)[”\"]?"
    r"(?:(?:[、和及与至到]|—)[“\"]?(?P<p2>十[一二三四五六]五)[”\"]?)?"
    # a wrapped line's join (\u3000, extractor.WRAP_JOIN) may fall inside the word (“十三五”期⏎间)
    r"(?P<post>期\u3000?间|时\u3000?期|期\u3000?末|末\u3000?期|末|中\u3000?后\u3000?期|前\u3000?期|以\u3000?来)?"
)
HEADING_RE = re.compile(
    r"(?:(?<=[。；;！？!?])|^)\s*(?:\d{1,2}[.、](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）]"
    r"|(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])、)"
)
CLAUSE_STOPS = frozenset("，,；;。！？!?：:\n")
SENT_STOPS = frozenset("。！？!?\n")

# comparator verbs: text → (comparator, direction, kind) ; kind: to (reach a level) / change / build
VERBS: dict[str, tuple[str, str, str]] = {}
for _w in ("不低于", "不少于", "不小于", "至少", "不得低于", "不应低于", "最低", "≥"):
    VERBS[_w] = (">=", "", "to")
for _w in ("不超过", "不高于", "不大于", "不多于", "不得超过", "不应超过", "不宜超过", "最高不超过", "控制在", "控制到",
           "严控在", "严格控制在", "压减至", "压缩至", "压减到", "压缩到", "最多", "≤",
           # 不能突破3550万吨标煤: a ceiling, not "more than"
           "不突破", "不能突破", "不得突破", "不准突破", "不超出", "不得超出"):
    VERBS[_w] = ("<=", "decrease" if _w.startswith("压") else "", "to")
for _w in ("超过", "突破", "大于", "多于", "高于", "超", "逾", ">"):
    VERBS[_w] = (">", "", "to")
for _w in ("低于", "小于", "少于", "<"):
    VERBS[_w] = ("<", "", "to")
# 优于 a number without unit (PUE优于1.3) is a ratio where less is better; with a unit 优于 is not
# a comparator this list can know the sense of (bare_value admits it only before a unitless number)
VERBS["优于"] = ("<", "decrease", "to")
for _w in ("提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增长至", "上升到", "上升至", "扩大到",
           "扩大至", "增至", "增到", "扩大为", "提高为"):
    VERBS[_w] = ("=", "increase", "to")
for _w in ("下降到", "下降至", "降到", "降至", "降低到", "降低至", "减少到", "减少至", "减至", "压降至", "降为", "下降为"):
    VERBS[_w] = ("=", "decrease", "to")
for _w in ("达到", "到达", "达", "实现", "保持在", "稳定在", "维持在", "保持", "为", "占到", "占", "是"):
    VERBS[_w] = ("=", "", "to")
for _w in ("下降", "降低", "减少", "压减", "削减", "压降", "缩减", "减排", "节约", "节能"):
    VERBS[_w] = ("=", "decrease", "change")
for _w in ("提高", "提升", "增长", "增加", "上升", "扩大", "净增", "增幅达", "增长率达到"):
    VERBS[_w] = ("=", "increase", "change")
for _w in ("具备", "拥有", "新增", "新建", "建成", "建设", "培育", "打造", "创建", "建立", "组建", "完成", "制修订", "制定", "修订", "研制", "发布", "开发", "落实", "推广", "布局", "认定", "遴选", "开展", "选择", "实施", "累计完成", "累计建成",
           "累计新增", "新开工", "投运", "投产", "安装", "配备", "部署", "推动", "推进", "启动", "突破", "选取", "支持", "培训", "创成", "争创", "形成", "具备", "拥有", "新改建", "改扩建",
           "新（改、扩）建", "新改扩建", "超低排放改造", "引进", "引育", "招引", "培育和引进", "引进和培育", "取得"):
    VERBS.setdefault(_w, ("=", "increase" if _w.startswith(("新", "累计新")) else "", "build"))
# 能耗降幅定为14% / 增幅为8%: the change named before its verb
for _head, _dir in (("降幅", "decrease"), ("下降幅度", "decrease"), ("降低幅度", "decrease"), ("减幅", "decrease"),
                    ("增幅", "increase"), ("增长幅度", "increase"), ("提高幅度", "increase")):
    for _tail in ("为", "定为", "达到", "达", "确定为", "设定为"):
        VERBS.setdefault(_head + _tail, ("=", _dir, "change"))
for _w in ("定为", "确定为", "设定为"):
    VERBS.setdefault(_w, ("=", "", "to"))
VERB_RE = re.compile("|".join(re.escape(v) for v in sorted(VERBS, key=len, reverse=True)))
# between a verb and its count: fillers and a second verb joined by 并 (培育并验收30个…县城)
FILLER_RE = re.compile(r"(?:并[\u4e00-\u9fff]{2}|约|大约|共|总计|合计|累计|平均|分别|均|各|力争|确保|争取|每年|年均|全市|全省|全区|全国|本市|"
                        r"原则上|基本|稳定|进一步|再|\s)*$")
SCOPE_START = ("其他", "其余", "其它", "另", "剩余", "其中", "各", "全")
SCOPE_END = ("地区", "区域", "城市", "市区", "县城", "县", "农村", "城区", "乡村", "地市", "省份", "园区", "企业")
# 全部省直机关及60%以上的省属事业单位建成…: a share joined to another subject of the same verb
COORDINATED_RE = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:及|和|以及|、)$")
SHARE_LEAD_RE = re.compile(r"^(?:确保|力争|争取|努力|完成|实现|推动|推进|全省|全市|全区|全县|全国|本市|本省|本区|我省|我市)+$")
# the verb after a share or count of subjects (60%的城市社区达到…, 3～5家企业进入…, 10座电站开工建设)
SHARE_OF_VERB_RE = re.compile(r"创建成为|创建|建成|进行|达到|实现|完成|开展|建立|具备|执行|采用|使用|进入|成为|开工|投产|投运|获得|通过|入选")
TRAIL_RE = re.compile(r"(?:力争|确保|争取|努力|原则上|基本|进一步|均|分别|平均|将|要|应|逐步|稳步|持续|全部|全面|率先|"
                       r"先行|总体|整体上|\s)+")
HAVE_RE = re.compile(r"具备|形成|拥有|达到|实现|保持")
BASE_RE = re.compile(r"(?:比|较|相比|相较|对比|与)\s?((?:19|20)\d{2})\s?年(?:末|底)?|(?:比|较)[“\"]?(十[一二三四五六]五)[”\"]?(?:期末|末)|((?:19|20)\d{2})\s?年(?:的)?(?:基\u3000?础\u3000?上|水平上|相比|为基数|为基准|为基期)")
ZERO_GROWTH_RE = re.compile(r"零增长(?!行动|方案|计划|工作|试点|示范|目标)")  # 化肥使用量实现零增长: held at last year's level
DOUBLE_RE = re.compile(r"翻([一两二三])?番|翻倍")  # 翻番 and 翻倍 alone: doubled
PCT_NOUN_OK = ("节能要求", "节能标准", "节能设计标准", "节能率")
PCT_VERB_OK = ("执行", "达到", "实现", "采用", "使用", "覆盖", "完成", "达标")
BUILD_COUNT_OK = {"新增", "新建", "建成", "建设", "培育", "打造", "创建", "建立", "组建", "布局", "认定", "遴选",
                   "制修订", "制定", "修订", "研制", "发布", "开发",
                   "开展", "选择", "创成", "争创", "累计建成", "累计新增", "推广", "部署", "新改建", "引进", "引育", "招引",
                   "培育和引进", "引进和培育", "取得", "实现", "完成", "累计完成", "推动", "推进", "实施", "启动", "形成", "突破", "选取"}
# a build verb that opens a count's subject (建设省级创新载体10家): the verb, not the thing counted;
# 新增/新建 stay (新增装机 is a quantity of its own)
COUNT_VERB_LEAD_RE = re.compile(r"^(?:积极|加快|重点)?(?:建设|培育|打造|创建|争创|创成|引进|引育|招引|建成(?!区)|组建|认定|遴选|"
                                r"培育和引进|引进和培育|推广|布局)")
SUFFIX_CMP = {"以上": ">=", "及以上": ">=", "以下": "<=", "及以下": "<=", "以内": "<=", "之内": "<=", "左右": "~",
               "上下": "~"}
FOLLOW_OK = frozenset("和、及与或，,。；;：:）)（(”\"」』!！?？\n ")
SUBJECT_FILLER_RE = re.compile(
    r"(?:[，,、\s“”\"]|按照|依照|力争|确保|争取|努力|进一步|分别|持续|稳定|逐步|基本|全面|同时|其中|届时|"
    r"全省|全市|全区|全国|本市|本省|本区|全县|我省|我市|我区|各地区|各地|当年|全年|年内|今年|明年|将|再(?=$|[，,\s])|累计|实现|达到|提高|提升|"
    r"(?:力争|确保|争取)?(?:到|至|在|于|从|自)?(?:19|20)\d{2}\s?年(?:底前|末前|以前|之前|底|末|前|起|开始)?|"
    r"[“\"]?十[一二三四五六]五[”\"]?(?:[、和及与至到—][“\"]?十[一二三四五六]五[”\"]?)?(?:期间|时期|期末|末期|末)?)+"
)
# a clause that states a condition (且项目年节能量达200吨标准煤以上, 但年度间排放量变化超过20%, 若…): who
# qualifies or when a rule applies, never an aim
# 单个项目规模不低于5万千瓦 / 单台机组容量30万千瓦以上: what one project or unit must be to qualify
CONDITION_RE = re.compile(r"\s*[(（]?\s*(?:且|但|或|并且|而且|若|如果|凡是?|只要|单个|单台|单体|单套|其中[^，,]{0,8}在)(?!期)")
# a clause that sets a grant, reward or cost share (最高奖励150万元, 每家奖励20万元, 予以10万元或20万元,
# 分别承担30%、30%、40%, 不超过投资额30%): a funding rule, never an aim
FUNDING_RE = re.compile(r"奖励|补助|补贴|资助|奖补|贴息|予以|给予|承担|最高|每家|每个项目|单个企业|单个项目|投资额|"
                        r"拨付|下达|补资金|专项资金|安排[^，。；]{0,8}资金|预计需")
# a subsidy in kind, whatever its unit (每户每年最高补贴1200立方米, 最高补贴电量1万千瓦时)
FUNDING_ANY_RE = re.compile(r"最高(?:补贴|补助|奖励|给予)|每户每年|(?:补贴|补助)(?:电量|气量|用气|用电)")
CONVERSION_WORDS = ("折合", "相当于", "折算")  # 年利用量折合3600万吨标准煤: a restatement in other units
PAST_WORDS = ("已经", "已", "曾")
# 同比下降3%: against last year — a past figure in most texts, the aim in an annual plan
HIST_WORDS = (*PAST_WORDS, "比上年", "同比")
METRIC_HEADS = ("率", "比重", "比例", "占比", "量", "容量", "面积", "能力", "强度", "能耗", "水耗", "物耗", "煤耗", "电耗", "规模", "总量", "数量", "产值",
                 "收入", "里程", "系数", "指数", "效率", "盖度", "水平", "占有率", "分担率", "增加值", "排放", "消耗",
                 "装机", "产能", "人数", "个数", "密度", "长度", "余额", "投资", "资金")


PEAK_NOT_AFTER = ("后", "之后", "以后", "行动", "实施方案", "工作方案", "方案", "试点", "示范", "路径", "时间表", "路线图", "相关", "领域", "工作",
                   "技术", "认证", "的基础上", "的", "和碳中和", "、碳中和", "碳中和", "奠定", "提供", "目标的", "要求")
# a company's scope between the verb and the keyword: 实现核心运营碳中和, 实现自身运营及供应链的全面碳中和
SCOPED_PEAK_RE = re.compile(r"(?:实现|达到|完成)(?:自身|核心|全|整体)?(?:运营|价值链|供应链|生产|业务|范围[一二三123])"
                             r"[^，,。；;\d为]{0,10}$")
FUTURE_BEFORE_RE = re.compile(r"(?:将于|将在|力争于|力争在|力争|计划于|计划在|计划|预计|争取|承诺|确保)$")
PEAK_RE = re.compile(r"(?P<kw>碳达峰|碳排放达峰|排放达峰|实现达峰|达峰|达到峰值|达到排放峰值|实现峰值|进入峰值平台期|碳中和)")
YEAR_ONLY_RE = re.compile(
    r"\s*(?:力争到|力争在|力争于|确保到|确保在|力争|确保|到|在|于)?(?:19|20)\d{2}\s?年(?:底前|前|以前|之前)?\s*"
)

# qualifiers that make a different quantity: sector, fuel, pollutant, vehicle type, siting, ecosystem
QUALIFIER_RE = re.compile(r"海上|陆上|农林|集中式|分布式|自然|工业|农业|农村|建筑|交通|公共机构|电力|钢铁|水泥|电解铝|化工|"
                           r"石化|有色|煤|油|气|二氧化硫|氮氧化物|颗粒物|挥发性|化学需氧量|氨氮|乘用车|商用车|货车|客车|"
                           r"公交|出租|船舶|新车|生活垃圾|秸秆|畜禽|湿地|草原|森林|海洋|近岸|再生|单位|冶金|建材|玻璃|陶瓷|造纸|"
                           r"纺织|医疗|危险|星级|绿色|人均|氢能")
# the level of a body a counted thing belongs to (国家级示范区 / 省级示范区 are different counts)
LEVEL_RE = re.compile(r"国家级|省级|市级|县级|区级|国家|部级")

# a table row's or column's change word after its quantity (单位地区生产总值能耗降低（%）, 较2020年下降率)
CHANGE_TAIL_RE = re.compile(r"(?:降低|下降|减少|削减|提高|增长|提升)(?:率|幅度)?$")
# a table cell's comparator sign
CELL_CMP = {"≥": ">=", "≤": "<=", "＞": ">", "＜": "<", ">": ">", "<": "<"}


def change_direction(word: str) -> str:
    """The direction a change word states: 降低, 下降, 减少, 削减 → decrease; 提高, 增长, 提升 → increase."""
    return "decrease" if word.startswith(("降低", "下降", "减少", "削减")) else "increase"
