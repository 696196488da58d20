"""One vocabulary across the built site, from docs/data/glossary.yml: no Chinese page,
table, figure or tooltip uses a variant the glossary rules out (系统卡, not "System Card";
token, not 词元; 准确率, not 正确率; 选择题, not 多项选择题: every term decision of the zh language
review's §3 and of the content review), and the English pages keep to British spelling."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import make_glossary
from conftest import LANGS, ROOT, SLUGS, page_path

GLOSSARY = yaml.safe_load((ROOT / "docs" / "data" / "glossary.yml").read_text(encoding="utf-8"))


def site_texts(site: Path, lang: str) -> dict[str, str]:
    """What a reader of one language sees (the report's quoted words aside): each page's article with its tooltips and alt text, the same
    without its tables ("…/prose", for terms ruled out in prose only), and the text of its figures."""
    texts = {}
    for slug in SLUGS:
        html = (site / page_path(lang, slug) / "index.html").read_text(encoding="utf-8")
        article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
        for quote in article.select('blockquote[id^="ev-"]'):  # the report's own words (Evidence list), not ours
            quote.decompose()
        extra = " ".join(a.get("title", "") for a in article.find_all("abbr"))
        extra += " " + " ".join(img.get("alt", "") for img in article.find_all("img"))
        texts[f"{lang}/{slug}"] = article.get_text(" ") + " " + extra
        for table in article.find_all("table"):
            table.decompose()
        texts[f"{lang}/{slug}/prose"] = article.get_text(" ") + " " + extra
    for svg in sorted((site / "assets" / "figures").glob(f"*.{lang}.*.svg")):
        texts[svg.name] = BeautifulSoup(svg.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    return texts


def entries() -> list[dict]:
    """Every term decision: the glossary's terms and its other vocabulary, as {use, keep, avoid, prose_only}."""
    out = [{"use": t["term"], "keep": t.get("keep", {}), "avoid": t.get("avoid", {}), "prose_only": t.get("prose_only")}
           for t in GLOSSARY["terms"]]
    return out + [{"use": v["use"], "keep": v.get("keep", {}), "avoid": v.get("avoid", {}),
                   "prose_only": v.get("prose_only")} for v in GLOSSARY.get("vocabulary", [])]


def variant_pattern(variant: str) -> re.Pattern:
    return re.compile(variant[3:]) if variant.startswith("re:") else re.compile(re.escape(variant))


def forbidden(lang: str) -> list[tuple[re.Pattern, str, re.Pattern | None, bool]]:
    """(pattern, message, the right forms that contain it, prose only) for one language, all read from the glossary."""
    rules = []
    for entry in entries():
        keep = entry["keep"].get(lang, [])
        keep_re = re.compile("|".join(map(re.escape, sorted(keep, key=len, reverse=True)))) if keep else None
        for variant in entry["avoid"].get(lang, []):
            shown = variant[3:] if variant.startswith("re:") else variant
            rules.append((variant_pattern(variant), f"“{shown}” instead of {entry['use'][lang]}", keep_re,
                          bool(entry["prose_only"])))
    if lang == "en":
        for british, american in GLOSSARY["english_spelling"]["pairs"]:
            unless = rf"(?!{british[len(american):]})" if british.startswith(american) else ""  # catalog(ue)
            rules.append((re.compile(rf"(?i)\b{american}{unless}"),
                          f"American “{american}…”, this site writes “{british}…”", None, False))
    return rules


def problems_in(texts: dict[str, str], lang: str) -> list[str]:
    found = []
    # Not checked: proper names (Alignment Research Center), verbatim quotations in straight quotes ("incorrect behavior
    # rate"), and a term introducing its original or its variant once: 系统卡（System Card）, 把握（置信度）.
    heads = {e["use"]["zh"].split("（")[0] for e in entries() if e["use"].get("zh")}
    names = re.compile("|".join(map(re.escape, GLOSSARY["english_spelling"]["names"])) + r'|"[^"]{1,300}"'
                       + "".join(rf"|{re.escape(head)}\s*（[^）]*）" for head in sorted(heads, key=len, reverse=True) if head))
    for where, text in texts.items():
        prose = where.endswith("/prose")
        text = names.sub("NAME", text)
        for pattern, message, keep, prose_only in forbidden(lang):
            if prose != prose_only:  # whole texts for every rule, text without tables for prose-only rules
                continue
            checked = keep.sub(lambda m: "■" * len(m[0]), text) if keep else text
            for match in pattern.finditer(checked):
                context = " ".join(text[max(0, match.start() - 30):match.end() + 30].split())
                found.append(f"{where}: {message}: …{context}…")
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_one_term_per_concept_and_one_spelling(built_site, lang):
    problems = problems_in(site_texts(built_site, lang), lang)
    assert not problems, "\n".join(problems)


def test_rules_catch_a_variant_and_spare_names_and_introductions():
    zh = {"x": "报告附有 System Card。系统卡（System Card）见附录。模型按词元读取。模型的把握（置信度）。"}
    en = {"x": "The Alignment Research Center organized the work. Its behavior was analyzed."}
    assert len(problems_in(zh, "zh")) == 2
    assert sorted(p.split("“")[1] for p in problems_in(en, "en")) == ["analyz…”, this site writes ", "behavior…”, this site writes ",
                                                                      "organiz…”, this site writes "]


def test_tooltips_and_glossary_are_generated_from_the_glossary_data():
    assert make_glossary.generate(check=True) == [], "run python3 scripts/dev.py generate"


def test_a_broken_glossary_is_named_with_its_line(tmp_path, monkeypatch):
    (tmp_path / "glossary.yml").write_text("terms:\n  - term: {zh: 词元\n", encoding="utf-8")
    monkeypatch.setattr(make_glossary, "DATA", tmp_path / "glossary.yml")
    with pytest.raises(SystemExit) as stop:
        make_glossary.generate(check=True)
    assert f"{tmp_path / 'glossary.yml'}: cannot read the glossary" in str(stop.value) and "line 3" in str(stop.value)


def test_every_review_term_set_is_ruled(tmp_path):
    """The variants the zh review (§3) and the content review (31–35) name are caught; the chosen terms are not."""
    bad = ("正确率 此前最佳语言模型 最好成绩 当时最佳 多项选择题 （基准） 置信度 分箱 分档 预训练模型 经过 PPO 后训练的模型 "
           "对抗测试 训练员 去污染 自由作答题 提示词 坏行为 次数多 29% 违禁请求 几乎没有安全措施 可预测扩展 Transformer 风格 "
           "普通话 资料来源 能动 含视觉 小学科学选择题 文字题 评分细则 副本中 作出预测 律师资格考试 训练运行 专家预测者 对比对 "
           "监控与执法 啰嗦 此换算由本站完成 英文成绩")
    caught = {p.split("“")[1].split("”")[0] for p in problems_in({"x": bad}, "zh")}
    assert len(caught) >= 38, sorted(caught)
    good = ("准确率 此前最佳成绩 此前最佳语言模型成绩 选择题 100（基线） 模型的把握（置信度） 分组 基础模型（只经过预训练） RLHF 模型 "
            "红队测试 标注员 干净子集 主观题 提示 不良行为 违禁内容请求 缓解措施 可预测的扩展 Transformer 式 中文（图中标为 Mandarin） "
            "来源与勘误 带视觉 无视觉 中小学科学选择题 应用题 评分规则 转载中 作出承诺 美国统一律师资格考试（UBE，下称律师考试） 律师考试 "
            "（本站计算） 英语成绩 英文提示 少样本（few-shot）")
    assert problems_in({"x": good, "x/prose": good}, "zh") == []
    assert problems_in({"x/prose": "GPT-4（0-shot）"}, "zh") and not problems_in({"x": "67.0%（0-shot）"}, "zh")


def test_a_citation_in_a_definition_is_a_link_in_the_glossary_and_plain_text_in_a_tooltip(built_site):
    """glossary.yml cites the report as [text][quote-id]: /sources/ shows a cited link, a tooltip only the words."""
    term = {"term": {"zh": "损失", "en": "loss"}, "abbr": ["loss"], "tooltip": {"zh": "x", "en": "See [§3.1, p. 2][q] or [a](b)."},
            "definition": {"zh": "x", "en": "See [§3.1, p. 2][q]."}}
    rendered = make_glossary.render({"intro": {"en": ""}, "terms": [term]}, "en")
    assert rendered["abbreviations.en.md"].strip() == "*[loss]: See §3.1, p. 2 or a."
    assert "[§3.1, p. 2][q]" in rendered["glossary.en.md"]
    cited = {t["term"]["en"]: re.findall(r"\]\[([a-z0-9-]+)\]", t["definition"]["en"]) for t in GLOSSARY["terms"]}
    for lang in LANGS:
        page = BeautifulSoup((built_site / page_path(lang, "sources") / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        links = {a["aria-describedby"].removeprefix("ev-").removesuffix("-text") for a in page.select("dd a.ev-cite")}
        assert links >= {q for ids in cited.values() for q in ids}, f"{lang}: a glossary citation is not a cited link"
        titles = [a.get("title", "") for a in page.find_all("abbr")]
        assert titles and not [t for t in titles if "][" in t or "](" in t], f"{lang}: a tooltip shows link syntax"
