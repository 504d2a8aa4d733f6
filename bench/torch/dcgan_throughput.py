"""PyTorch CPU baseline for bench/dcganThroughput.bench.ts: the same 28x28 DCGAN, batch and optimizer,
timed the same way (warm-up steps, then the median step). Prints one JSON line. Uses only Debian's
python3-torch; it is a benchmark tool, never a product dependency.

G: Linear(100, 7*7*128, no bias) -> BN -> ReLU -> ConvT(128->64, k4 s2 p1, no bias) -> BN -> ReLU
   -> ConvT(64->1, k4 s2 p1) -> tanh.   (p1 = tfjs 'same' for these sizes: 7 -> 14 -> 28)
D: Conv(1->64, k4 s2 p1) -> LeakyReLU 0.2 -> Conv(64->128, k4 s2 p1) -> LeakyReLU 0.2 -> Linear -> sigmoid.
Step: D on real + detached fake (BCE), then G through D (BCE); Adam lr 2e-4, betas (0.5, 0.999).
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn


def build():
    g = nn.Sequential(
        nn.Linear(100, 7 * 7 * 128, bias=False), nn.BatchNorm1d(7 * 7 * 128), nn.ReLU(),
        nn.Unflatten(1, (128, 7, 7)),
        nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
        nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh(),
    )
    d = nn.Sequential(
        nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 128, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(128 * 7 * 7, 1), nn.Sigmoid(),
    )
    return g, d


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--min-steps", type=int, default=5)
    parser.add_argument("--min-seconds", type=float, default=5.0)
    parser.add_argument("--threads", type=int, default=0, help="0 = torch's default")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    g, d = build()
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCELoss()
    b = args.batch
    real = torch.rand(b, 1, 28, 28) * 2 - 1
    ones, zeros = torch.ones(b, 1), torch.zeros(b, 1)

    def step():
        z = torch.randn(b, 100)
        fake = g(z)
        opt_d.zero_grad()
        loss_d = bce(d(real), ones) + bce(d(fake.detach()), zeros)
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        loss_g = bce(d(fake), ones)
        loss_g.backward()
        opt_g.step()

    for _ in range(args.warmup):
        step()
    times = []
    start = time.perf_counter()
    while len(times) < args.min_steps or time.perf_counter() - start < args.min_seconds:
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    print(json.dumps({
        "imagesPerSecond": b / median,
        "medianStepMs": median * 1000,
        "steps": len(times),
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
