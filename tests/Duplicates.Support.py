"""Builds the real-photo set with planted copies for Duplicates.Tests.ps1 (run at test time; no image is committed).

Originals: centre crops of Debian's Plasma wallpapers and scikit-image's colour photos, 320 px on the long side.
Each original gets one copy, in turn: re-encoded as JPEG at quality 40, cropped to the central 80 %, or mirrored.
Writes <out>/originals/*.png, <out>/copies/*.jpg|png and <out>/truth.csv (copy,original,kind).
"""
import csv
import glob
import os
import sys

from PIL import Image, ImageOps

out = sys.argv[1]
os.makedirs(os.path.join(out, "originals"), exist_ok=True)
os.makedirs(os.path.join(out, "copies"), exist_ok=True)

sources = sorted(glob.glob("/usr/share/wallpapers/*/contents/images/1920x1080.*"))[:14]
skimage = "/usr/lib/python3/dist-packages/skimage/data"
sources += [os.path.join(skimage, n) for n in ("astronaut.png", "chelsea.png", "coffee.png", "motorcycle_left.png", "rocket.jpg", "hubble_deep_field.jpg")]
sources = [s for s in sources if os.path.exists(s)]

rows = []
for n, path in enumerate(sources):
    img = Image.open(path).convert("RGB")
    img.thumbnail((320, 320))
    name = "%02d_%s" % (n, os.path.basename(os.path.dirname(os.path.dirname(os.path.dirname(path)))) if "wallpapers" in path else os.path.splitext(os.path.basename(path))[0])
    original = os.path.join(out, "originals", name + ".png")
    img.save(original)
    kind = ("reencoded", "cropped", "flipped")[n % 3]
    if kind == "reencoded":
        copy = os.path.join(out, "copies", name + "_reencoded.jpg")
        img.save(copy, quality=40)
    elif kind == "cropped":
        w, h = img.size
        copy = os.path.join(out, "copies", name + "_cropped.png")
        img.crop((w // 10, h // 10, w - w // 10, h - h // 10)).save(copy)
    else:
        copy = os.path.join(out, "copies", name + "_flipped.png")
        ImageOps.mirror(img).save(copy)
    rows.append((copy, original, kind))

with open(os.path.join(out, "truth.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["copy", "original", "kind"])
    w.writerows(rows)
