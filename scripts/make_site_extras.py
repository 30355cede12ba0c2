#!/usr/bin/python3
"""Finish the static site after the wasm link: the service worker with a build id and the PNG icons.

  make_site_extras.py --site build/wasm-release/web --sw web/sw.js

The build id is a hash of the files the service worker caches (and of the fallback font), so any
change to the app gives a new cache name and the old cache is dropped on activation. The PNG
icons (192, 512 px) are drawn here with Pillow (no binaries in git); without Pillow only the SVG
icon is offered.
"""
import argparse
import hashlib
import os
import sys

HASHED = ["index.html", "platform.js", "touch.js", "index.js", "index.wasm", "index.data", "manifest.webmanifest",
          "icon.svg", "fonts/fallback.otf"]


def build_id(site):
    h = hashlib.sha256()
    for name in HASHED:
        p = os.path.join(site, name)
        if os.path.exists(p):
            h.update(name.encode())
            with open(p, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
    return h.hexdigest()[:16]


def write_if_changed(path, data):
    if os.path.exists(path):
        with open(path, "rb") as fh:
            if fh.read() == data:
                return
    with open(path, "wb") as fh:
        fh.write(data)


def icons(site):
    try:
        from PIL import Image, ImageDraw
    except ImportError:
        print("make_site_extras: Pillow missing, PNG icons skipped (the SVG icon remains)", file=sys.stderr)
        return
    for size in (192, 512):
        out = os.path.join(site, "icon-%d.png" % size)
        if os.path.exists(out):
            continue
        s = size / 512.0
        img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        d = ImageDraw.Draw(img)
        d.rounded_rectangle([0, 0, size - 1, size - 1], radius=int(96 * s), fill=(46, 125, 79, 255))
        # leaf: a circle topped by a triangle, as in icon.svg
        d.ellipse([106 * s, 166 * s, 406 * s, 466 * s], fill=(232, 245, 233, 255))
        d.polygon([(256 * s, 84 * s), (118 * s, 290 * s), (394 * s, 290 * s)], fill=(232, 245, 233, 255))
        w = max(2, int(22 * s))
        d.line([(256 * s, 160 * s), (256 * s, 450 * s)], fill=(46, 125, 79, 255), width=w)
        d.line([(256 * s, 300 * s), (186 * s, 240 * s)], fill=(46, 125, 79, 255), width=w)
        d.line([(256 * s, 360 * s), (336 * s, 290 * s)], fill=(46, 125, 79, 255), width=w)
        img.save(out)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--site", required=True)
    p.add_argument("--sw", required=True, help="web/sw.js template (@SELFCHECK_BUILD_ID@)")
    a = p.parse_args()
    icons(a.site)
    bid = build_id(a.site)
    with open(a.sw, encoding="utf-8") as fh:
        sw = fh.read().replace("@SELFCHECK_BUILD_ID@", bid)
    write_if_changed(os.path.join(a.site, "sw.js"), sw.encode("utf-8"))
    print("make_site_extras: build %s" % bid)
    return 0


if __name__ == "__main__":
    sys.exit(main())
