#!/usr/bin/env python3
"""Reference values for AAM's cross-channel loss (src/main/core/engine/training/crossChannelLoss.ts), computed
independently with numpy in float64 (test tool only, never shipped), following the mutual-channel loss of
PRIS-CV/Mutual-Channel-Loss written out for NHWC features whose channels k*xi .. k*xi + xi - 1 belong to class k:

  dis = mean_n CE(softmax(mean_hw max_j (F * mask)[n, h, w, k*xi + j]), target_n)
  div = 1 - mean_{n,k} sum_hw max_j softmax_hw(F[n, :, :, k*xi + j]) / xi
  cc  = dis + div,  and d cc / d F by central differences (step 1e-6) in float64.

Writes tests/fixtures/crossChannelLoss/reference.json. Run: /usr/bin/python3 scripts/reference/cross_channel_loss_reference.py
"""
import json
import os

import numpy as np


def terms(f, targets, xi, mask):
    n, h, w, c = f.shape
    k = targets.shape[1]
    masked = f * mask if mask is not None else f
    per_class = masked.reshape(n, h, w, k, xi).max(axis=4)
    logits = per_class.mean(axis=(1, 2))
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    dis = float(-(targets * log_p).sum(axis=1).mean())
    flat = f.reshape(n, h * w, c)
    e = np.exp(flat - flat.max(axis=1, keepdims=True))
    soft = e / e.sum(axis=1, keepdims=True)  # softmax over positions, per channel: [n, hw, c]
    peaks = soft.reshape(n, h * w, k, xi).max(axis=3)  # [n, hw, k]
    div = float(1 - peaks.sum(axis=1).mean() / xi)
    return dis, div


def case(name, shape, xi, targets, mask, scale, phase):
    size = int(np.prod(shape))
    f = (scale * np.sin(0.7 * np.arange(size) + phase)).reshape(shape)
    f = f.astype(np.float32).astype(np.float64)  # the test feeds float32
    t = np.array(targets, dtype=np.float64)
    m = None if mask is None else np.array(mask, dtype=np.float64)
    dis, div = terms(f, t, xi, m)
    grad = np.zeros_like(f)
    eps = 1e-6
    flat = f.reshape(-1)
    g = grad.reshape(-1)
    for i in range(flat.size):
        plus = flat.copy(); plus[i] += eps
        minus = flat.copy(); minus[i] -= eps
        g[i] = (sum(terms(plus.reshape(shape), t, xi, m)) - sum(terms(minus.reshape(shape), t, xi, m))) / (2 * eps)
    return {
        'name': name, 'shape': list(shape), 'channelsPerClass': xi, 'targets': targets, 'mask': mask,
        'features': [float(v) for v in f.reshape(-1)], 'dis': dis, 'div': div, 'cc': dis + div,
        'grad': [float(v) for v in grad.reshape(-1)],
    }


cases = [
    case('K=2, xi=3, one-hot, CWA mask', (2, 2, 3, 6), 3, [[0, 1], [1, 0]], [1, 0, 1, 1, 1, 0], 2.0, 0.3),
    case('K=3, xi=2, soft targets, no mask', (2, 3, 2, 6), 2, [[0.2, 0.5, 0.3], [0.0, 0.0, 1.0]], None, 1.5, 1.1),
]
out = os.path.join(os.path.dirname(__file__), '..', '..', 'tests', 'fixtures', 'crossChannelLoss', 'reference.json')
with open(out, 'w') as fh:
    json.dump({'generator': 'scripts/reference/cross_channel_loss_reference.py', 'cases': cases}, fh, indent=1)
    fh.write('\n')
for c in cases:
    print(c['name'], 'dis', c['dis'], 'div', c['div'], 'cc', c['cc'])
