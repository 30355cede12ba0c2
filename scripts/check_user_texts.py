#!/usr/bin/env python3
"""Check every text a user can read for the two faults of issue 18 (ctest user_texts_are_readable).

1. A citation a user cannot follow: an internal note file ("measures.md §4.1", "domain.md"), a
   section sign, a tag of the internal reference list ("[S R28]") or a path into ../shared.
   Scanned: every string of assets/data (sources, clauses, notes, hints, samples), assets/text (the
   core's messages), assets/i18n (app and report tables, hovers and help), and the golden results
   and reports (tests/golden: what the CLI, app hovers and the report actually print).
2. English where the Chinese UI shows Chinese: a Chinese-side string (i18n zh-CN values, the "zh"
   of assets/text, data keys ending in _zh, source/clause fields, message_zh/name_zh/source in the
   golden results) with a run of English words and no Chinese character; a shown data field with no
   language suffix (note, formula, indicator_unit) that is English-only without a *_zh beside it;
   sample texts (company, product, note) with a run of two English words ("涤纶染色布 / dyed
   polyester fabric").

  check_user_texts.py ROOT          exit 1 and list every problem
  check_user_texts.py --selftest    the rules catch the forms issue 18 found, and pass good text
"""
import glob
import json
import os
import re
import sys

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
INTERNAL = re.compile(r"(\b[\w-]+\.md\b|§|\.\./shared|\[(S|K|V)( R\d+)?\]|\[S R\d+)")
URL = re.compile(r"https?://\S+|\b[\w.-]+\.(?:com|cn|org|net|gov)(?:/\S*)?")
# Keys whose value the Chinese UI or report shows as is (no _zh/_en pair).
ZH_SHOWN = {"source", "clause", "phase_out_clause", "benchmark_source", "code_source"}
# Shown fields without a language suffix: English-only is allowed only with a *_zh beside it.
BARE_SHOWN = {"note", "formula", "indicator_unit", "hint", "evidence", "name", "message"}
# Keys that are program values, never shown as words.
PROGRAM_KEYS = {"id", "unit", "carrier", "type", "kind", "dataset", "version", "confidence", "region",
                "category", "group", "dimension", "target", "metric", "schema", "limit_id", "industry",
                "city", "county", "exclusive", "anchor_source", "division_type", "key_industry_mapping",
                "trigger", "product_unit", "base_unit"}


def english_run(s, n):
    """True if s holds n or more English words in a row (units, codes, URLs and numbers break a run)."""
    s = URL.sub(" ", s)
    run = 0
    for tok in re.split(r"\s+", s):
        t = tok.strip("(),;:.“”\"'[]")
        if re.fullmatch(r"[A-Za-z][a-z'-]*[a-z]|[A-Za-z]", t) and len(t) > 1:
            run += 1
            if run >= n:
                return True
        else:
            run = 0
    return False


# A program id where a Chinese reader sees words: snake_case keys and unit ids such as 10k_m.
PROGRAM_ID = re.compile(r"\b(?:\d+k_[a-z]+|[a-z]{2,}_[a-z0-9]{2,}(?:_[a-z0-9]+)*)\b")
TITLE = re.compile(r"《[^》]*》|“[^”]*”")


def english_only(s):
    """English where a Chinese reader is shown it: no Chinese at all, or (mixed) a run of four
    English words outside a quoted title (《…》, “…”), as in "…（需独立复核）; check against the
    official PDF before release"."""
    return (not CJK.search(s) and english_run(s, 2)) or english_run(TITLE.sub(" ", s), 4)


def walk(j, path=""):
    """(path, key, value, parent) for every string in a JSON value."""
    if isinstance(j, dict):
        for k, v in j.items():
            if isinstance(v, str):
                yield path + "/" + k, k, v, j
            else:
                yield from walk(v, path + "/" + k)
    elif isinstance(j, list):
        for i, v in enumerate(j):
            if isinstance(v, str):
                yield path + "/" + str(i), str(i), v, None
            else:
                yield from walk(v, path + "/" + str(i))


def data_problems(name, doc, sample=False):
    out = []
    for p, k, v, parent in walk(doc):
        where = name + p
        if INTERNAL.search(v):
            out.append("%s: internal note reference: %s" % (where, v))
        if k in PROGRAM_KEYS or k.endswith("_en"):
            continue
        if k.endswith("_zh") or k in ZH_SHOWN:
            if english_only(v):
                out.append("%s: English where Chinese is shown: %s" % (where, v))
            # a record's Chinese text (not a file header's note for maintainers) names no program id
            bare = re.sub(r"\{[\w.]+\}", " ", URL.sub(" ", v))
            if (sample or "/records/" in p) and PROGRAM_ID.search(bare):
                out.append("%s: program id in Chinese text: %s" % (where, PROGRAM_ID.search(bare).group(0)))
        elif k in BARE_SHOWN and parent is not None and english_only(v) and not parent.get(k + "_zh"):
            out.append("%s: English-only %s without %s_zh: %s" % (where, k, k, v))
        if sample and english_run(v, 2):
            out.append("%s: English in a sample text: %s" % (where, v))
    return out


def text_table_problems(name, doc):
    """assets/text/*.json: {key: {zh, en}}; i18n tables: {key: text} (zh-CN) or {key: text} (en)."""
    out = []
    zh_table = os.path.basename(name).startswith("zh") or "/text/" in name
    for p, k, v, _ in walk(doc):
        where = name + p
        if INTERNAL.search(v):
            out.append("%s: internal note reference: %s" % (where, v))
        shown_zh = (k == "zh") if "/text/" in name else zh_table
        if shown_zh and english_only(v):
            out.append("%s: English where Chinese is shown: %s" % (where, v))
        bare = re.sub(r"\{[\w.]+\}", " ", URL.sub(" ", v))  # {placeholders} are filled in
        if shown_zh and PROGRAM_ID.search(bare):
            out.append("%s: program id in Chinese text: %s" % (where, PROGRAM_ID.search(bare).group(0)))
    return out


def golden_problems(name, text):
    out = []
    for m in INTERNAL.finditer(text):
        a = max(0, m.start() - 40)
        out.append("%s: internal note reference: …%s…" % (name, text[a:m.end() + 20].replace("\n", " ")))
    if name.endswith(".json"):
        for p, k, v, _ in walk(json.loads(text)):
            if (k.endswith("_zh") or k in ZH_SHOWN) and english_only(v):
                out.append("%s%s: English where Chinese is shown: %s" % (name, p, v))
    return out


def check(root):
    out = []
    data = sorted(glob.glob(os.path.join(root, "assets/data/*.json")))
    samples = sorted(glob.glob(os.path.join(root, "assets/data/samples/*.json")))
    texts = sorted(glob.glob(os.path.join(root, "assets/text/*.json")))
    i18n = sorted(glob.glob(os.path.join(root, "assets/i18n/*.json")) + glob.glob(os.path.join(root, "assets/i18n/report/*.json")))
    golden = sorted(glob.glob(os.path.join(root, "tests/golden/*.json")) + glob.glob(os.path.join(root, "tests/golden/*.html")))
    rel = lambda f: os.path.relpath(f, root)
    for f in data:
        out += data_problems(rel(f), json.load(open(f, encoding="utf-8")))
    for f in samples:
        out += data_problems(rel(f), json.load(open(f, encoding="utf-8")), sample=True)
    for f in texts + i18n:
        out += text_table_problems(rel(f), json.load(open(f, encoding="utf-8")))
    for f in golden:
        out += golden_problems(rel(f), open(f, encoding="utf-8").read())
    n = len(data) + len(samples) + len(texts) + len(i18n) + len(golden)
    if n < 40:
        out.append("only %d files scanned under %s: wrong root?" % (n, root))
    return out, n


def selftest():
    bad = []
    expect = lambda cond, what: None if cond else bad.append(what)
    # forms the data and hovers carried before issue 18
    expect(data_problems("d", {"records": [{"id": "a", "source": "见 measures.md §4.1"}]}), "measures.md in a source")
    expect(data_problems("d", {"records": [{"id": "a", "source": "domain.md"}]}), "domain.md in a source")
    expect(data_problems("d", {"records": [{"id": "a", "note": "motors below IE3 (e.g. YE2) may no longer be made or sold"}]}),
           "English-only note without note_zh")
    expect(data_problems("d", {"records": [{"id": "a", "formula": "ΔkWh = E·s, s = 10–30% of motor-system electricity"}]}),
           "English-only formula without formula_zh")
    expect(data_problems("d", {"records": [{"id": "a", "source": "Values recalled, not retrieved"}]}), "English source")
    expect(data_problems("d", {"records": [{"id": "a", "note": "ECQ marks every value 'reviewed' (需独立复核); check against the official PDF"}]}),
           "mixed note with an English sentence")
    expect(data_problems("s", {"products": [{"name": "涤纶染色布 / dyed polyester fabric"}]}, sample=True), "half-English sample")
    expect(text_table_problems("assets/i18n/zh-CN.json", {"help.x": "See the energy bill"}), "English in zh-CN table")
    expect(text_table_problems("assets/text/core_x.json", {"k": {"zh": "Not yet translated", "en": "x"}}), "English zh text")
    expect(text_table_problems("assets/i18n/zh-CN.json", {"help.product_unit": "（如 t、10k_m 万米）"}), "unit id 10k_m in zh")
    expect(text_table_problems("assets/text/core_x.json", {"k": {"zh": "请填写 value_added_10k_yuan", "en": "x"}}), "key in zh text")
    expect(data_problems("d", {"records": [{"id": "a", "hint_zh": "填写 water_withdrawal_m3"}]}), "key in a record's hint_zh")
    expect(golden_problems("g.json", '{"factors_used":[{"source":"domain.md §2.4"}]}'), "golden hover with domain.md")
    expect(golden_problems("g.html", "<td>measures.md §4.1</td>"), "report with measures.md")
    # good text passes
    ok = {"records": [{"id": "a", "source": "GB/T 2589-2020《综合能耗计算通则》附录 A", "source_en": "GB/T 2589-2020 Annex A",
                       "note_zh": "数值取自第三方整理件。", "note_en": "Values from a third-party compilation.",
                       "formula": "ΔkWh = E·s", "formula_zh": "节电量 = E·s", "unit": "kgce/kWh",
                       "indicator_unit": "%"}]}
    expect(not data_problems("d", ok), "good record flagged: %s" % data_problems("d", ok))
    expect(not data_problems("d", {"records": [{"id": "a", "source": "美国“Business Energy Advisor Compressed Air”资料"}]}),
           "an English title in quotes flagged")
    expect(not data_problems("s", {"products": [{"name": "SMT 贴片电路板组件"}, {"name": "P·O 42.5 普通硅酸盐水泥"}]}, sample=True),
           "a Chinese sample name with a code flagged")
    expect(not text_table_problems("assets/i18n/zh-CN.json", {"unit.kwh": "kWh", "a": "OK", "b": "CO2 (tCO2)", "c": "重复利用水量 V_r"}),
           "units and single words flagged")
    expect(not data_problems("d", {"records": [{"id": "a", "source": "《规上工业企业碳效等级评价方法》（网络转载：m.yzwku.com/doc/493133.html）"}]}),
           "a URL flagged as English")
    for b in bad:
        print("selftest: " + b)
    return 1 if bad else 0


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--selftest":
        return selftest()
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    if selftest():
        return 1
    problems, n = check(sys.argv[1])
    for p in problems:
        print(p)
    if problems:
        print("%d problems in user-visible texts (%d files)" % (len(problems), n))
        return 1
    print("user-visible texts: no internal note reference, no English where Chinese is shown (%d files)" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
