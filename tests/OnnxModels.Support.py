"""Test data for tests/OnnxModels.Tests.ps1 and bench/Onnx, made at run time from Debian packages (no image is committed).

  classifier <dir>   torchvision ResNet18 (random weights, seed 0, 5 classes) exported to ONNX with a dynamic and a
                     fixed batch and as an NHWC/BGR variant, 64x64 test images, PyTorch's logits on them
                     (reference.json), models that take no image, and images of awkward kinds
  nonsquare <dir>    torchvision ResNet18 (random weights, seed 0, 5 classes) taking 160x224 (height x width) images,
                     exported with a dynamic and a fixed batch, 224x160 test images and PyTorch's logits on them
  photos <dir> <n> [crops]
                     n real photos with near-duplicates: distinct crops of the scikit-image, KDE Plasma wallpaper and
                     MATE background photos (crops per photo: given, or as many as n needs), each with a copy re-cropped, brightened
                     and re-encoded as JPEG (<group>_a.png, <group>_b.jpg)
  pixels <dir>       224x224 crops of real photos and their RGB bytes (planar, raw), to run ONNX Runtime on directly
  nearest <json>     {"path": [embedding], ...} -> the share of images whose nearest other image (cosine distance on
                     mean-centred embeddings, as uniqueness measures it) is their own near-duplicate
"""
import glob
import itertools
import json
import os
import sys

import numpy as np
from PIL import Image, ImageEnhance

SKIMAGE = '/usr/lib/python3/dist-packages/skimage/data'
WALLPAPERS = '/usr/share/wallpapers'
MATE = '/usr/share/backgrounds/mate'  # Debian's mate-backgrounds: the nature photos and one abstract photo
MATE_PHOTOS = ['nature/*.jpg', 'abstract/Elephants.jpg']
PHOTOS = ['astronaut.png', 'chelsea.png', 'coffee.png', 'hubble_deep_field.jpg', 'motorcycle_left.png', 'rocket.jpg',
          'retina.jpg', 'ihc.png', 'camera.png', 'moon.png', 'coins.png', 'grass.png', 'gravel.png', 'brick.png']
MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)
CLASSES = ['a', 'b', 'c', 'd', 'e']


def source_photos():
    """Every scikit-image photo, one picture per Plasma wallpaper (its widest) and the MATE photos, decoded at a moderate size."""
    paths = [os.path.join(SKIMAGE, p) for p in PHOTOS]
    for folder in sorted(glob.glob(os.path.join(WALLPAPERS, '*', 'contents', 'images'))):
        pictures = glob.glob(os.path.join(folder, '*.jpg')) + glob.glob(os.path.join(folder, '*.png'))
        if pictures:
            paths.append(max(pictures, key=lambda p: int(os.path.basename(p).split('x')[0] or 0)
                             if os.path.basename(p).split('x')[0].isdigit() else 0))
    for pattern in MATE_PHOTOS:
        paths.extend(sorted(glob.glob(os.path.join(MATE, pattern))))
    for path in paths:
        image = Image.open(path)
        image.draft('RGB', (1280, 1280))  # JPEG: decode at a reduced scale, much faster for 4K wallpapers
        if SKIMAGE in path:
            name = os.path.splitext(os.path.basename(path))[0]
        elif path.startswith(MATE):
            name = 'mate-' + os.path.splitext(os.path.basename(path))[0]
        else:
            name = path.split(os.sep)[-4]
        yield name, image.convert('RGB')


def crops(image, count):
    """`count` distinct square crops (60% of the short side) spread along the long side."""
    w, h = image.size
    side = int(0.6 * min(w, h))
    for k in range(count):
        t = (k + 0.5) / count
        x = int((w - side) * t) if w >= h else (w - side) // 2
        y = int((h - side) * t) if h > w else (h - side) // 2
        yield image.crop((x, y, x + side, y + side))


def near_duplicate(crop):
    """The same view re-cropped by 6%, 20% brighter, smaller and re-encoded as JPEG quality 60."""
    s = crop.size[0]
    m = int(0.06 * s)
    return ImageEnhance.Brightness(crop.crop((m, m // 2, s - m // 2, s - m))).enhance(1.2).resize((224, 224), Image.BILINEAR)


def photos(out, count, crops_per_photo=0):
    os.makedirs(out, exist_ok=True)
    made = 0
    sources = list(source_photos())
    per_source = crops_per_photo or max(1, -(-count // (2 * len(sources))))
    for name, image in sources:
        for k, crop in enumerate(crops(image, per_source)):
            if made >= count:
                return
            group = f'{name}-{k}'
            crop.resize((256, 256), Image.BILINEAR).save(os.path.join(out, f'{group}_a.png'))
            near_duplicate(crop).save(os.path.join(out, f'{group}_b.jpg'), quality=60)
            made += 2


def pixels(out):
    os.makedirs(out, exist_ok=True)
    for name, image in itertools.islice(source_photos(), 3):
        crop = next(crops(image, 1)).resize((224, 224), Image.BILINEAR)
        crop.save(os.path.join(out, f'{name}.png'))
        np.ascontiguousarray(np.asarray(crop).transpose(2, 0, 1)).tofile(os.path.join(out, f'{name}.rgb'))


def tensor(images):
    import torch
    """What the module feeds the model for images that are already 64x64: (p/255 - mean)/std, NCHW."""
    arrays = [(np.asarray(i.convert('RGB'), dtype=np.float32) / 255 - MEAN) / STD for i in images]
    return torch.from_numpy(np.stack(arrays).transpose(0, 3, 1, 2).copy())


def export(model, example, path, dynamic):
    import torch
    axes = {'image': {0: 'batch'}, 'logits': {0: 'batch'}} if dynamic else None
    torch.onnx.export(model, example, path, input_names=['image'], output_names=['logits'], dynamic_axes=axes, opset_version=13)


def classifier(out):
    import torch
    import torchvision

    class NhwcBgr(torch.nn.Module):
        """The same network taking NHWC input with the channels in BGR order."""

        def __init__(self, net):
            super().__init__()
            self.net = net

        def forward(self, x):
            return self.net(x.permute(0, 3, 1, 2)[:, [2, 1, 0]])

    torch.set_num_threads(1)
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    net = torchvision.models.resnet18(num_classes=len(CLASSES)).eval()
    images = {}
    for name, image in itertools.islice(source_photos(), 6):
        images[f'{name}.png'] = next(crops(image, 1)).resize((64, 64), Image.BILINEAR)
    images['grey.png'] = images['coffee.png'].convert('L')
    rgba = images['astronaut.png'].convert('RGBA')
    rgba.putalpha(128)
    images['alpha.png'] = rgba
    os.makedirs(os.path.join(out, 'images'), exist_ok=True)
    for name, image in images.items():
        image.save(os.path.join(out, 'images', name))
    names = sorted(images)
    x = tensor([images[n] for n in names])
    with torch.no_grad():
        logits = net(x)
        export(net, x[:1], os.path.join(out, 'dynamic.onnx'), dynamic=True)
        export(net, x[:1], os.path.join(out, 'fixed.onnx'), dynamic=False)
        export(NhwcBgr(net), x[:1, [2, 1, 0]].permute(0, 2, 3, 1), os.path.join(out, 'nhwc-bgr.onnx'), dynamic=False)
        torch.onnx.export(torch.nn.Linear(10, 5), torch.zeros(1, 10), os.path.join(out, 'vector.onnx'), input_names=['x'])
        torch.onnx.export(torch.nn.Embedding(20, 4), torch.zeros(1, 3, dtype=torch.long), os.path.join(out, 'tokens.onnx'), input_names=['ids'])
    with open(os.path.join(out, 'nhwc-bgr.onnx.json'), 'w') as f:
        json.dump({'classes': CLASSES, 'preprocessing': {'channelOrder': 'BGR'}}, f)
    with open(os.path.join(out, 'reference.json'), 'w') as f:
        json.dump({'classes': CLASSES, 'logits': {n: logits[i].tolist() for i, n in enumerate(names)}}, f)
    # Images a decoder may stumble on.
    odd = os.path.join(out, 'odd')
    os.makedirs(odd, exist_ok=True)
    grey16 = (np.asarray(images['astronaut.png'].convert('L'), dtype=np.uint16) * 257)
    Image.fromarray(grey16, mode='I;16').save(os.path.join(odd, 'grey16.png'))
    images['chelsea.png'].convert('CMYK').save(os.path.join(odd, 'cmyk.jpg'), quality=90)
    Image.new('RGB', (1, 1), (200, 30, 60)).save(os.path.join(odd, 'one-pixel.png'))


def nonsquare(out):
    import torch
    import torchvision
    torch.set_num_threads(1)
    os.makedirs(os.path.join(out, 'images'), exist_ok=True)
    torch.manual_seed(0)
    net = torchvision.models.resnet18(num_classes=len(CLASSES)).eval()
    images = {}
    for name, image in itertools.islice(source_photos(), 4):
        w, h = image.size
        images[f'{name}.png'] = image.crop((0, 0, min(w, h * 7 // 5), min(h, w * 5 // 7))).resize((224, 160), Image.BILINEAR)
    for name, image in images.items():
        image.save(os.path.join(out, 'images', name))
    names = sorted(images)
    x = tensor([images[n] for n in names])
    with torch.no_grad():
        logits = net(x)
        export(net, x[:1], os.path.join(out, 'dynamic.onnx'), dynamic=True)
        export(net, x[:1], os.path.join(out, 'fixed.onnx'), dynamic=False)
    with open(os.path.join(out, 'reference.json'), 'w') as f:
        json.dump({'classes': CLASSES, 'logits': {n: logits[i].tolist() for i, n in enumerate(names)}}, f)


def nearest(path):
    with open(path) as f:
        embeddings = json.load(f)
    names = sorted(embeddings)
    x = np.array([embeddings[n] for n in names], dtype=np.float64)
    x -= x.mean(axis=0)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    similarity = x @ x.T
    np.fill_diagonal(similarity, -np.inf)
    group = [os.path.basename(n).rsplit('_', 1)[0] for n in names]
    hits = sum(group[i] == group[j] for i, j in enumerate(similarity.argmax(axis=1)))
    print(json.dumps({'images': len(names), 'hits': int(hits), 'accuracy': hits / len(names)}))


if __name__ == '__main__':
    command, target = sys.argv[1], sys.argv[2]
    if command == 'classifier':
        classifier(target)
    elif command == 'nonsquare':
        nonsquare(target)
    elif command == 'photos':
        photos(target, int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 0)
    elif command == 'pixels':
        pixels(target)
    elif command == 'nearest':
        nearest(target)
    else:
        sys.exit(f'unknown command {command}')
