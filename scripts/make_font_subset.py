#!/usr/bin/python3
"""Build the CJK UI font subset (Noto Sans CJK SC, face 2 of the Debian fonts-noto-cjk TTC), or check one.

The subset covers Dear ImGui's ChineseSimplifiedCommon ranges (2,500 common hanzi), ASCII/Latin-1/general and CJK punctuation/full-width forms, and every non-ASCII character found in
the given source trees (app/, assets/i18n/, assets/data/), so no UI string renders as '?'.

  make_font_subset.py build --out ui.otf --chars-out ui_chars.txt --imgui imgui_draw.cpp \
        [--depfile ui.otf.d] SRC_DIR...
  make_font_subset.py check --font ui.otf [--html-only DIR] SRC_DIR...
        (exit 1 and list what is missing, including characters Noto Sans CJK SC itself lacks)
  make_font_subset.py fallback --out fallback.otf

The fallback is a second, fuller subset the browser app fetches only when a document or typed text
shows a character outside ui.otf (names with 堃, 喆 ...): all of CJK Unified Ideographs
U+4E00-9FFF (the URO), the CJK compatibility ideographs, all of GB2312 (hanzi and symbols) and the
base ranges. Not preloaded: it is about 5 MB.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

TTC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACE_SC = 2  # 0 JP, 1 KR, 2 SC, 3 TC, 4 HK
SOURCE_EXT = (".cpp", ".hpp", ".h", ".json", ".txt", ".inl")


def source_files(dirs):
    out = []
    for d in dirs:
        if os.path.isfile(d):
            out.append(d)
            continue
        for root, subdirs, files in os.walk(d):
            subdirs.sort()
            for f in sorted(files):
                if f.endswith(SOURCE_EXT):
                    out.append(os.path.join(root, f))
    return out


def source_chars(files):
    chars = set()
    for f in files:
        with open(f, encoding="utf-8", errors="replace") as fh:
            for c in fh.read():
                if ord(c) > 0x7F and ord(c) <= 0xFFFF and c != "\ufffd":
                    chars.add(ord(c))
    return chars


def imgui_common(imgui_draw_cpp):
    """Offsets table of GetGlyphRangesChineseSimplifiedCommon (accumulative, from 0x4E00)."""
    text = open(imgui_draw_cpp, encoding="utf-8").read()
    m = re.search(r"GetGlyphRangesChineseSimplifiedCommon\(\)\s*\{.*?accumulative_offsets_from_0x4E00\[\]\s*=\s*\{(.*?)\};", text, re.S)
    if not m:
        sys.exit("make_font_subset: ChineseSimplifiedCommon table not found in " + imgui_draw_cpp)
    cps, cp = set(), 0x4E00
    for n in re.findall(r"\d+", m.group(1)):
        cp += int(n)
        cps.add(cp)
    return cps


def base_ranges():
    cps = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    cps |= set(range(0x2000, 0x2070)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    return cps


def gb2312_all():
    cps = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return cps


def subset(cps, out):
    from fontTools.ttLib import TTCollection, TTFont
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        face = os.path.join(tmp, "sc.otf")
        TTCollection(TTC).fonts[FACE_SC].save(face)
        unicodes = os.path.join(tmp, "unicodes.txt")
        with open(unicodes, "w") as fh:
            fh.write("\n".join("U+%04X" % c for c in sorted(cps)))
        tmp_out = os.path.join(tmp, "out.otf")
        subprocess.run(["pyftsubset", face, "--unicodes-file=" + unicodes, "--output-file=" + tmp_out,
                        "--layout-features=", "--no-hinting",
                        "--drop-tables+=GSUB,GPOS,GDEF,BASE,VORG,vhea,vmtx,DSIG,meta",
                        "--name-IDs=1,2,3,4,6", "--notdef-outline"], check=True)
        present = set(TTFont(tmp_out).getBestCmap().keys())
        os.replace(tmp_out, out)
    return present


def fallback(args):
    cps = base_ranges() | gb2312_all() | set(range(0x4E00, 0xA000)) | set(range(0xF900, 0xFB00))
    present = subset(cps, args.out)
    print("make_font_subset: fallback %d code points, %d bytes -> %s" % (len(present), os.path.getsize(args.out), args.out))


def build(args):
    files = source_files(args.sources)
    # First-load subset: ImGui's 2,500 common hanzi + every character of the UI and data. GB2312
    # level 1 beyond that (~1,250 hanzi, ~200 KB gzip) comes with the lazily fetched fallback font.
    cps = base_ranges() | imgui_common(args.imgui) | source_chars(files)
    cps.add(0xFFFD)
    present = subset(cps, args.out)
    # The code points the app asks ImGui to rasterize: exactly those the font has.
    with open(args.chars_out, "w", encoding="utf-8") as fh:
        fh.write("".join(chr(c) for c in sorted(present) if c >= 0x20))
    if args.depfile:
        esc = lambda p: os.path.abspath(p).replace(" ", "\\ ")
        with open(args.depfile, "w") as fh:
            fh.write(esc(args.out) + ": " + " ".join(esc(f) for f in files + [args.imgui, __file__]) + "\n")
    missing = source_chars(files) - present
    if missing:
        print("make_font_subset: the font lacks " + "".join(chr(c) for c in sorted(missing)), file=sys.stderr)
    print("make_font_subset: %d code points, %d bytes -> %s" % (len(present), os.path.getsize(args.out), args.out))


def check(args):
    from fontTools.ttLib import TTFont
    present = set(TTFont(args.font).getBestCmap().keys())
    missing = {}
    for f in source_files(args.sources):
        for c in source_chars([f]) - present:
            missing.setdefault(c, f)
    # Characters the Noto face itself lacks (U+2082 subscript two in "tCO₂", U+207B superscript
    # minus) cannot come from any subset: the app draws them as '?'. They fail the check unless the
    # file lies under an --html-only tree (the report's tables: the browser renders that HTML with
    # the system fonts); the fix is to write the text without them (tCO2, 10^-3).
    exempt = [os.path.abspath(d) + os.sep for d in (args.html_only or [])]
    not_in_face = []
    if missing:
        from fontTools.ttLib import TTCollection
        full = set(TTCollection(TTC).fonts[FACE_SC].getBestCmap().keys())
        for c in sorted(set(missing) - full):
            del missing[c]
        for f in source_files(args.sources):
            if any(os.path.abspath(f).startswith(e) for e in exempt):
                continue
            for c in sorted(source_chars([f]) - full):
                not_in_face.append((c, f))
    for c, f in not_in_face:
        print("no glyph U+%04X %s (in %s): not in Noto Sans CJK SC at all, the app shows '?'; write it without" % (c, chr(c), f))
    if not_in_face and not missing:
        return 1
    if missing:
        for c, f in sorted(missing.items()):
            print("missing U+%04X %s (first in %s)" % (c, chr(c), f))
        print("%d characters used in sources are not in %s: rebuild the subset" % (len(missing), args.font))
        return 1
    print("all non-ASCII characters of the sources are in %s (%d glyphs)" % (args.font, len(present)))
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--out", required=True)
    b.add_argument("--chars-out", required=True)
    b.add_argument("--imgui", required=True, help="imgui_draw.cpp (for ChineseSimplifiedCommon)")
    b.add_argument("--depfile")
    b.add_argument("sources", nargs="+")
    f = sub.add_parser("fallback")
    f.add_argument("--out", required=True)
    c = sub.add_parser("check")
    c.add_argument("--font", required=True)
    c.add_argument("--html-only", action="append", help="a tree shown only as HTML (not drawn by the app): "
                   "characters the CJK face lacks are allowed there")
    c.add_argument("sources", nargs="+")
    args = p.parse_args()
    if args.cmd == "build":
        build(args)
        return 0
    if args.cmd == "fallback":
        fallback(args)
        return 0
    return check(args)


if __name__ == "__main__":
    sys.exit(main())
