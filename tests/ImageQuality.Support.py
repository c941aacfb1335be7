"""Builds the run-time variants the ImageQuality Pester tests score: each real photo shrunk to at most 400 px
(the original), then darkened, brightened, blurred, greyed, stretched into a strip, flattened and shrunk 12 times. Reads photo
paths on stdin, writes PNGs to argv[1]."""
import os
import sys

from PIL import Image, ImageEnhance, ImageFilter

out = sys.argv[1]
for i, path in enumerate(sys.stdin.read().splitlines()):
    im = Image.open(path).convert("RGB")
    im.thumbnail((400, 400))
    w, h = im.size
    variants = {
        "original": im,
        "dark": ImageEnhance.Brightness(im).enhance(0.12),
        "light": Image.blend(im, Image.new("RGB", im.size, (255, 255, 255)), 0.97),
        "blurry": im.filter(ImageFilter.GaussianBlur(max(w, h) / 40)),
        "grayscale": im.convert("L"),
        "odd_aspect_ratio": im.resize((w * 2, max(1, h // 3))),
        "low_information": Image.new("RGB", im.size, im.resize((1, 1)).getpixel((0, 0))),
        "odd_size": im.resize((max(1, w // 12), max(1, h // 12))),
    }
    for name, variant in variants.items():
        variant.save(os.path.join(out, f"{i:02d}-{name}.png"))
