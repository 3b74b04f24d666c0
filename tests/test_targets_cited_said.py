"""A national goal reported in a local text (国家提出…的目标) is ``cited``, however far the owner stands."""

from _targets_helpers import targets


def roles(text: str) -> list[tuple[int, str]]:
    return [(t.target_year, t.role) for t in targets(text)]


def test_it_cites_both_goals_of_a_quoted_national_pair():
    text = "国家提出“力争2030年前实现碳达峰，2060年前实现碳中和”的重大战略决策。"
    assert roles(text) == [(2030, "cited"), (2060, "cited")]


def test_it_cites_a_goal_when_the_nation_leads_the_whole_sentence():
    text = "国家全面落实能源安全新战略，加快构建清洁低碳能源体系，提出到2030年非化石能源消费比重达到25%左右的目标。"
    assert roles(text) == [(2030, "cited")]


def test_it_keeps_a_local_goal_after_the_national_one_its_own():
    text = "国家提出碳达峰碳中和目标，全省到2025年非化石能源消费比重达到20%。"
    assert roles(text) == [(2025, "target")]


def test_it_keeps_the_targets_of_a_national_document_summarised_in_the_news_its_own():
    text = "国家能源局印发《新型储能发展实施方案》，提出到2025年新型储能装机规模达到3000万千瓦以上。"
    assert roles(text) == [(2025, "target")]
