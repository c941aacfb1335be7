"""The NumPy peer of bench/Neighbors/Measure-SimilaritySpeed.ps1: one cosine query on mean-centred embeddings
(as scikit-learn's pairwise_distances(metric='cosine') after centring computes it), the k nearest by argpartition.
Usage: numpy_similarity.py <count> <dimension> <k> <repeat>; prints JSON timings."""
import json
import sys
import time

import numpy as np

count, dimension, k, repeat = (int(a) for a in sys.argv[1:5])
rng = np.random.default_rng(1)
x = rng.random((count, dimension), dtype=np.float32)
q = x[12345 % count].copy()
times = []
for _ in range(repeat):
    start = time.perf_counter()
    mean = x.mean(axis=0)
    centred = x - mean
    query = q - mean
    d = 1 - centred @ query / (np.linalg.norm(centred, axis=1) * np.linalg.norm(query))
    nearest = np.argpartition(d, k)[:k]
    nearest = nearest[np.argsort(d[nearest], kind='stable')]
    times.append(time.perf_counter() - start)
    assert nearest[0] == 12345 % count
print(json.dumps({'best': min(times), 'median': sorted(times)[len(times) // 2]}))
