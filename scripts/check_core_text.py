#!/usr/bin/env python3
"""The core holds keys and numbers, assets/text/*.json the words (issue 12).

Checks, exit status 1 on any failure:
  1. no CJK character (U+3400-U+4DBF, U+4E00-U+9FFF) in core/**/*.{hpp,cpp};
  2. every text entry has both languages ({"zh", "en"}) or one shared string ({"text"}), and the
     Chinese and English name the same {placeholders};
  3. every key the core names as a literal exists: texts::get/text/error/warning("key"),
     TextRef::text("key"), TextParam::words/label/clause(name, "key"), finding ids
     (d.add("id") -> finding.<id> or a finding.<id>.<variant>), clause_text("x") -> clause.<x>,
     missing("code") -> missing.<code>, need_answer(ind, "x") -> green_factory.need.<x>, field tables
     -> field.<group>.<key>, green-factory answers -> green_factory.answer.<key>, number/integer
     labels -> label.<x>, wrong_type(key, "want") -> input.want.<want>.

usage: check_core_text.py <repo root>
"""
import json
import os
import re
import sys

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{([a-z_0-9]+)\}")


def core_sources(root):
    for d, subdirs, files in os.walk(os.path.join(root, "core")):
        subdirs.sort()
        for f in sorted(files):
            if f.endswith((".hpp", ".cpp")):
                yield os.path.join(d, f)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    bad = []

    texts = {}
    tdir = os.path.join(root, "assets", "text")
    for f in sorted(os.listdir(tdir)):
        if not f.endswith(".json"):
            continue
        with open(os.path.join(tdir, f), encoding="utf-8") as fh:
            table = json.load(fh)
        for k, v in table.items():
            if k in texts:
                bad.append(f"{f}: key {k} also in another text file")
            texts[k] = v
            if "text" in v:
                if not isinstance(v["text"], str) or not v["text"]:
                    bad.append(f"{f}: {k} has an empty text")
                continue
            zh, en = v.get("zh", ""), v.get("en", "")
            if not zh or not en:
                bad.append(f"{f}: {k} lacks zh or en")
                continue
            pz, pe = set(PLACEHOLDER.findall(zh)), set(PLACEHOLDER.findall(en))
            if pz != pe:
                bad.append(f"{f}: {k} placeholders differ: zh {sorted(pz)} en {sorted(pe)}")

    def need(key, where):
        if key.endswith("."):  # a prefix joined with an id at run time
            return
        if key not in texts:
            bad.append(f"{where}: text {key} not in assets/text/")

    for path in core_sources(root):
        rel = os.path.relpath(path, root)
        with open(path, encoding="utf-8") as fh:
            src = fh.read()
        for n, line in enumerate(src.split("\n"), 1):
            if CJK.search(line):
                bad.append(f"{rel}:{n}: CJK character in core code: {line.strip()[:80]}")
        for m in re.finditer(r'texts::(?:get|text)\(\s*"([a-z_0-9.]+)"', src):
            need(m.group(1), rel)
        for m in re.finditer(r'texts::(?:error|warning)\([^;]*?"(?:[a-z_0-9]+)",\s*"([a-z_0-9]+\.[a-z_0-9.]+)"', src, re.S):
            need(m.group(1), rel)
        # TextRef::text("key") and TextParam::words/label/clause(name, "key"): both branches of a ternary.
        for m in re.finditer(r'TextRef::text\(\s*"([a-z_0-9.]+)"', src):
            need(m.group(1), rel)
        for m in re.finditer(r'(?:P|TextParam)::(?:words|label|clause)\(\s*"[a-z_0-9]+",\s*([^;]*?)\)', src):
            for k in re.findall(r'"([a-z_0-9]+\.[a-z_0-9.]+)"', m.group(1)):
                need(k, rel)
        for m in re.finditer(r'd\.add\(\s*"([a-z_0-9]+)"', src):
            fid = m.group(1)
            if f"finding.{fid}" not in texts and not any(k.startswith(f"finding.{fid}.") for k in texts):
                bad.append(f"{rel}: finding {fid} has no text finding.{fid}")
        for m in re.finditer(r'clause_text\(\s*(?:[a-z_]+\s*\?\s*)?"([a-z_0-9.]+)"(?:\s*:\s*"([a-z_0-9.]+)")?', src):
            for g in m.groups():
                if g:
                    need("clause." + g, rel)
        for m in re.finditer(r'\bmissing\(\s*"([a-z_0-9]+)"', src):
            need("missing." + m.group(1), rel)
        for m in re.finditer(r'need_answer\(\s*ind,\s*(?:[a-z_]+\s*\?\s*)?"([a-z_0-9]+)"(?:\s*:\s*"([a-z_0-9]+)")?', src):
            for g in m.groups():
                if g:
                    need("green_factory.need." + g, rel)
        for m in re.finditer(r'\{"([a-z_0-9]+)", Kind::[a-z]+, [^,{}]+, [^,{}]+, "([a-z_0-9]+)"\}', src):
            need(f"field.{m.group(2)}.{m.group(1)}", rel)
        for m in re.finditer(r'\{"([a-z_0-9]+)", AnswerKind::[a-z_]+\}', src):
            need("green_factory.answer." + m.group(1), rel)
        for m in re.finditer(r'\.(?:number|integer)\("[a-z_0-9]+",[^;"]*?,\s*"([a-z_0-9]+)"\)', src, re.S):
            need("label." + m.group(1), rel)
        for m in re.finditer(r'wrong_type\("[a-z_0-9]+",\s*"([a-z_0-9]+)"', src):
            need("input.want." + m.group(1), rel)

    for b in bad:
        print(b)
    print(f"{len(texts)} texts; {len(bad)} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
