#!/usr/bin/python3
"""Writes umap_reference.json: umap-learn's own smooth_knn_dist, find_ab_params and tau_rand_int, and
scikit-learn's trustworthiness, on small inputs.

Run with Debian's umap-learn 0.5.3 (package umap-learn): /usr/bin/python3 make_umap_reference.py (Debian's interpreter, where the package is)
"""
import json
import os

import numpy as np
from sklearn.manifold import trustworthiness
from umap.umap_ import find_ab_params, smooth_knn_dist
from umap.utils import tau_rand_int

rng = np.random.RandomState(7)
k = 6
rows = []
for i in range(8):
    d = np.sort(rng.uniform(0.2, 3.0, size=k - 1))
    rows.append(np.concatenate([[0.0], d]))
distances = np.array(rows)
distances[2, 1] = 0.0           # a duplicate: rho is the first non-zero distance
distances[5, 1:4] = distances[5, 1]  # ties at the nearest distance
distances[7, :] = 0.0           # all duplicates: rho 0, sigma floored by the global mean
distances = np.sort(distances, axis=1)
sigmas, rhos = smooth_knn_dist(distances.astype(np.float32), float(k))

curves = []
for min_dist, spread in [(0.1, 1.0), (0.0, 1.0), (0.25, 1.0), (0.5, 1.0), (0.1, 2.0), (0.8, 1.0)]:
    a, b = find_ab_params(spread, min_dist)
    curves.append({"minDistance": min_dist, "spread": spread, "a": float(a), "b": float(b)})

state = np.array([-123456789, 362436069, 521288629], dtype=np.int64)
tau = [int(tau_rand_int(state)) for _ in range(8)]

high = rng.normal(size=(40, 5))
low = high[:, :2] + 0.5 * rng.normal(size=(40, 2))

out = {
    "source": "umap-learn 0.5.3 (Debian umap-learn), umap.umap_.smooth_knn_dist and find_ab_params",
    "k": k,
    "distances": distances.astype(np.float32).astype(float).tolist(),
    "sigmas": sigmas.astype(float).tolist(),
    "rhos": rhos.astype(float).tolist(),
    "curves": curves,
    "tauState": [-123456789, 362436069, 521288629],
    "tau": tau,
    "trustHigh": high.astype(np.float32).astype(float).tolist(),
    "trustLow": low.tolist(),
    "trustK": 5,
    "trustworthiness": float(trustworthiness(high.astype(np.float32), low, n_neighbors=5)),
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "umap_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
