#!/usr/bin/env python3
"""Reference values for the DDPM maths (src/main/core/engine/diffusion), computed independently in float64
numpy from the formulas of Ho et al. 2020, Nichol & Dhariwal 2021 and Song et al. 2021 as written in
`openai/guided-diffusion` gaussian_diffusion.py (test tool only, never shipped). Writes
tests/fixtures/diffusion/reference.json holding the fixed inputs (float32 values, stored as the exact decimal of
each float32) and the results:

  schedules  linear (T = 400, β 1e-4…0.02, no 1000/T rescale) and cosine (T = 1000, s = 0.008, max β 0.999):
             betas, ᾱ, ᾱ_prev, posterior variance, clipped log variance, mean coefficients at selected t
  qSample    x_t = √ᾱ_t x0 + √(1 − ᾱ_t) ε, per-item t and one t for the batch
  x0         x̂0 = √(1/ᾱ) x_t − √(1/ᾱ − 1) ε (unclipped and clipped to [−1, 1]); ε back from a clipped x̂0
  posterior  μ̃ = c1 x0 + c2 x_t, β̃ (per-item t, including t index 0)
  ddpm       p_sample: posterior of the clipped x̂0, + exp(½ log β̃) z unless t = 0; with classifier guidance the
             mean is μ + β̃·g (condition_mean)
  ddim       ddim_sample with an explicit previous index (−1 = final, ᾱ' = 1): ε from the clipped x̂0,
             σ = η √((1−ᾱ')/(1−ᾱ)) √(1 − ᾱ/ᾱ'), x' = √ᾱ' x̂0 + √(1 − ᾱ' − σ²) ε + σ z; with guidance
             ε ← ε − √(1 − ᾱ) g, x̂0 and ε recomputed (condition_score)
  cfg        (1 + w) ε_c − w ε_u
  classifier γ ∇_x log softmax(W·flatten(x) + b)_y = γ (W_y − Σ_k p_k W_k) for a linear classifier

Run: /usr/bin/python3 scripts/reference/diffusion_reference.py
"""
import json
import pathlib

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "diffusion"
SHAPE = (2, 3, 3, 2)


def linear_betas(T, start=1e-4, end=0.02):
    return np.linspace(start, end, T, dtype=np.float64)


def cosine_betas(T, s=0.008, max_beta=0.999):
    ab = lambda u: np.cos((u + s) / (1 + s) * np.pi / 2) ** 2
    return np.array([min(1 - ab((i + 1) / T) / ab(i / T), max_beta) for i in range(T)], dtype=np.float64)


class Schedule:
    def __init__(self, betas):
        self.betas = betas
        self.ab = np.cumprod(1.0 - betas)
        self.ab_prev = np.append(1.0, self.ab[:-1])
        self.post_var = betas * (1.0 - self.ab_prev) / (1.0 - self.ab)
        self.post_logvar = np.log(np.append(self.post_var[1], self.post_var[1:]))
        self.c1 = betas * np.sqrt(self.ab_prev) / (1.0 - self.ab)
        self.c2 = (1.0 - self.ab_prev) * np.sqrt(1.0 - betas) / (1.0 - self.ab)

    def coef(self, arr, t):
        if np.isscalar(t):
            return arr[t]
        return arr[np.asarray(t)].reshape(-1, 1, 1, 1)

    def q_sample(self, x0, t, eps):
        return self.coef(np.sqrt(self.ab), t) * x0 + self.coef(np.sqrt(1 - self.ab), t) * eps

    def x0_from_eps(self, xt, t, eps, clip):
        x0 = self.coef(np.sqrt(1 / self.ab), t) * xt - self.coef(np.sqrt(1 / self.ab - 1), t) * eps
        return np.clip(x0, -1, 1) if clip else x0

    def eps_from_x0(self, xt, t, x0):
        return (self.coef(np.sqrt(1 / self.ab), t) * xt - x0) / self.coef(np.sqrt(1 / self.ab - 1), t)

    def posterior(self, x0, xt, t):
        return self.coef(self.c1, t) * x0 + self.coef(self.c2, t) * xt, self.coef(self.post_var, t)

    def ddpm(self, xt, t, eps, z, grad=None):
        x0 = self.x0_from_eps(xt, t, eps, True)
        mean, var = self.posterior(x0, xt, t)
        if grad is not None:
            mean = mean + var * grad
        return mean if t == 0 else mean + np.exp(0.5 * self.post_logvar[t]) * z

    def ddim(self, xt, t, t_prev, eps, z, eta, grad=None):
        x0 = self.x0_from_eps(xt, t, eps, True)
        e = self.eps_from_x0(xt, t, x0)
        if grad is not None:
            e = e - np.sqrt(1 - self.ab[t]) * grad
            x0 = self.x0_from_eps(xt, t, e, False)
            e = self.eps_from_x0(xt, t, x0)
        ab, ab_prev = self.ab[t], (self.ab[t_prev] if t_prev >= 0 else 1.0)
        sigma = eta * np.sqrt((1 - ab_prev) / (1 - ab)) * np.sqrt(1 - ab / ab_prev) if t_prev >= 0 else 0.0
        return np.sqrt(ab_prev) * x0 + np.sqrt(1 - ab_prev - sigma ** 2) * e + sigma * z


def f32(rng, shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def out(a):
    return np.asarray(a, dtype=np.float64).ravel().tolist()


def main():
    rng = np.random.default_rng(20260413)
    x0 = np.clip(f32(rng, SHAPE, 0.6), -1, 1).astype(np.float32)
    eps = f32(rng, SHAPE)
    eps_u = f32(rng, SHAPE)
    z = f32(rng, SHAPE)
    xt = f32(rng, SHAPE)
    g = f32(rng, SHAPE, 0.3)
    W = f32(rng, (int(np.prod(SHAPE[1:])), 3), 0.4)
    b = f32(rng, (3,), 0.1)
    labels = [2, 0]
    scale = 1.5
    x64 = {k: v.astype(np.float64) for k, v in dict(x0=x0, eps=eps, eps_u=eps_u, z=z, xt=xt, g=g).items()}

    schedules = {}
    sched = {"linear": Schedule(linear_betas(400)), "cosine": Schedule(cosine_betas(1000))}
    for name, s in sched.items():
        T = len(s.betas)
        idx = sorted({0, 1, 2, 10, 100, T // 2, T - 2, T - 1})
        schedules[name] = {
            "steps": T, "indices": idx,
            "betas": out(s.betas[idx]), "alphasCumprod": out(s.ab[idx]), "alphasCumprodPrev": out(s.ab_prev[idx]),
            "posteriorVariance": out(s.post_var[idx]), "posteriorLogVarianceClipped": out(s.post_logvar[idx]),
            "posteriorMeanCoef1": out(s.c1[idx]), "posteriorMeanCoef2": out(s.c2[idx]),
        }

    L, C = sched["linear"], sched["cosine"]
    X = x64
    cases = {
        "qSamplePerItem": {"t": [7, 350], "out": out(L.q_sample(X["x0"], [7, 350], X["eps"]))},
        "qSampleOne": {"t": 120, "out": out(L.q_sample(X["x0"], 120, X["eps"]))},
        "x0": {"t": 250, "out": out(L.x0_from_eps(X["xt"], 250, X["eps"], False))},
        "x0Clipped": {"t": 250, "out": out(L.x0_from_eps(X["xt"], 250, X["eps"], True))},
        "epsFromX0": {"t": 250, "out": out(L.eps_from_x0(X["xt"], 250, X["x0"]))},
        "posterior": {"t": [0, 199], "mean": out(L.posterior(X["x0"], X["xt"], [0, 199])[0]),
                      "variance": out(L.posterior(X["x0"], X["xt"], [0, 199])[1])},
        "ddpm": {"t": 250, "out": out(L.ddpm(X["xt"], 250, X["eps"], X["z"]))},
        "ddpmLast": {"t": 0, "out": out(L.ddpm(X["xt"], 0, X["eps"], X["z"]))},
        "ddpmGuided": {"t": 250, "out": out(L.ddpm(X["xt"], 250, X["eps"], X["z"], X["g"]))},
        "ddimEta0": {"t": 250, "tPrev": 230, "eta": 0.0, "out": out(L.ddim(X["xt"], 250, 230, X["eps"], X["z"], 0.0))},
        "ddimEtaHalf": {"t": 250, "tPrev": 230, "eta": 0.5, "out": out(L.ddim(X["xt"], 250, 230, X["eps"], X["z"], 0.5))},
        "ddimFinal": {"t": 9, "tPrev": -1, "eta": 1.0, "out": out(L.ddim(X["xt"], 9, -1, X["eps"], X["z"], 1.0))},
        "ddimGuided": {"t": 250, "tPrev": 230, "eta": 0.5, "out": out(L.ddim(X["xt"], 250, 230, X["eps"], X["z"], 0.5, X["g"]))},
        "ddimCosine": {"t": 999, "tPrev": 949, "eta": 0.0, "out": out(C.ddim(X["xt"], 999, 949, X["eps"], X["z"], 0.0))},
        "cfgW2": {"w": 2.0, "out": out(3.0 * X["eps"] - 2.0 * X["eps_u"])},
        "cfgWHalf": {"w": 0.5, "out": out(1.5 * X["eps"] - 0.5 * X["eps_u"])},
    }
    flat = x64["xt"].reshape(SHAPE[0], -1)
    logits = flat @ W.astype(np.float64) + b.astype(np.float64)
    p = np.exp(logits - logits.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    grad = np.stack([W[:, y].astype(np.float64) - W.astype(np.float64) @ p[i] for i, y in enumerate(labels)])
    cases["classifierGradient"] = {"labels": labels, "scale": scale, "out": out(scale * grad)}

    fixture = {
        "shape": list(SHAPE),
        "inputs": {k: out(v) for k, v in dict(x0=x0, eps=eps, epsUncond=eps_u, noise=z, xt=xt, gradient=g).items()},
        "classifier": {"W": out(W), "Wshape": list(W.shape), "b": out(b)},
        "schedules": schedules,
        "cases": cases,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "reference.json").write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT / 'reference.json'}")


if __name__ == "__main__":
    main()
