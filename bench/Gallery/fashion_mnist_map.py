"""Writes a 2-D UMAP (umap-learn, FiftyOne's defaults: 15 neighbours, min_dist 0.1, euclidean) of the first
N Fashion-MNIST test images' pixels as CSV rows index,label,x,y, for the gallery map screenshot."""
import gzip
import sys

import numpy as np
import umap

root, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with gzip.open(f"{root}/t10k-images-idx3-ubyte.gz") as f:
    images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)[:count]
with gzip.open(f"{root}/t10k-labels-idx1-ubyte.gz") as f:
    labels = np.frombuffer(f.read(), np.uint8, offset=8)[:count]
points = umap.UMAP(n_neighbors=15, min_dist=0.1, random_state=51).fit_transform(images.astype(np.float32) / 255)
with open(out, "w") as f:
    f.write("index,label,x,y\n")
    for i, (label, (x, y)) in enumerate(zip(labels, points)):
        f.write(f"{i},{label},{x:.5f},{y:.5f}\n")
