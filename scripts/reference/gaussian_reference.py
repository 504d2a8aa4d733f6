#!/usr/bin/env python3
"""Reference numbers for the Gaussian-loop maths, computed with numpy/scipy (test tool only, never shipped).

Writes tests/fixtures/gaussian/reference.json with
  - eigen:    symmetric matrices (row-major) and numpy.linalg.eigvalsh of each,
  - cholesky: SPD matrices, numpy.linalg.cholesky (lower) and slogdet,
  - frechet:  pairs of Gaussians (with sqrtm(Σ₂)) and the squared Fréchet distance computed as
              pytorch-fid does (scipy.linalg.sqrtm of Σ₁Σ₂, real part),
The loop's random laws are checked by Monte Carlo in the TypeScript tests, not here.
Run: python3 scripts/reference/gaussian_reference.py
"""
import json
import pathlib

import numpy as np
import scipy.linalg

rng = np.random.default_rng(20240601)
out = {"eigen": [], "cholesky": [], "frechet": []}


def random_spd(d, spread=10.0):
    q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    eig = np.logspace(0, -np.log10(spread), d)
    return (q * eig) @ q.T


for d in (1, 2, 3, 5, 17, 40):
    a = rng.standard_normal((d, d))
    a = (a + a.T) / 2
    out["eigen"].append({"d": d, "a": a.ravel().tolist(), "eigenvalues": np.linalg.eigvalsh(a).tolist()})

for d in (1, 4, 9, 30):
    s = random_spd(d, 100.0)
    sign, logdet = np.linalg.slogdet(s)
    out["cholesky"].append({"d": d, "a": s.ravel().tolist(), "l": np.linalg.cholesky(s).ravel().tolist(), "logDet": float(logdet)})

for d in (1, 3, 8, 20):
    mu1, mu2 = rng.standard_normal(d), rng.standard_normal(d)
    s1, s2 = random_spd(d, 10.0), random_spd(d, 50.0) * 1.7
    covmean = scipy.linalg.sqrtm(s1 @ s2).real
    dist = float(np.sum((mu1 - mu2) ** 2) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))
    sqrt2 = scipy.linalg.sqrtm(s2).real
    out["frechet"].append({"d": d, "mu1": mu1.tolist(), "sigma1": s1.ravel().tolist(), "mu2": mu2.tolist(), "sigma2": s2.ravel().tolist(),
                           "sqrtSigma2": sqrt2.ravel().tolist(), "distance": dist})

path = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "gaussian" / "reference.json"
path.write_text(json.dumps(out, indent=None, separators=(",", ":")) + "\n")
print(f"wrote {path} ({path.stat().st_size} bytes)")
