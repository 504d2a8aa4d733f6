"""PyTorch CPU baseline for bench/diffusionThroughput.bench.ts: the diffusion UNet of
src/main/core/engine/models/diffusion/unet.ts at its defaults (unetDefaults: 28x28x1, width 16, channel
multipliers 1,2,2, one residual block per level, single-head self-attention in the middle, group norm with 8
groups, 10 classes + a learned null class) trained the way DiffusionStepper does (uniform t, x_t in closed
form, MSE on eps, condition dropout 0.1, Adam lr 1e-3 / 0.9 / 0.999, EMA 0.995 after each step; linear beta
1e-4..0.02, T = 400), then sampled with 50 DDIM steps (eta 0), unguided and with classifier-free guidance
(one doubled batch). Timed like the tfjs bench: warm-up, then the median training step; one sampling pass
each. Prints one JSON line. Uses only Debian's python3-torch; a benchmark tool, never a product dependency.
NCHW here, NHWC in tfjs; strided 3x3 convs pad 1 here, tfjs 'same' pads (0, 1): same sizes and cost.
"""
import argparse
import copy
import json
import math
import statistics
import time

import torch
from torch import nn
import torch.nn.functional as F


def silu(x):
    return x * torch.sigmoid(x)


class Res(nn.Module):
    def __init__(self, cin, cout, emb, g):
        super().__init__()
        self.n1, self.c1 = nn.GroupNorm(g, cin), nn.Conv2d(cin, cout, 3, padding=1)
        self.e = nn.Linear(emb, cout)
        self.n2, self.c2 = nn.GroupNorm(g, cout), nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, h, emb):
        a = self.c1(silu(self.n1(h))) + self.e(silu(emb))[:, :, None, None]
        return self.skip(h) + self.c2(silu(self.n2(a)))


class Attn(nn.Module):
    def __init__(self, c, g):
        super().__init__()
        self.n, self.qkv, self.proj = nn.GroupNorm(g, c), nn.Linear(c, 3 * c), nn.Linear(c, c)

    def forward(self, h):
        b, c, hh, ww = h.shape
        x = self.n(h).flatten(2).transpose(1, 2)
        q, k, v = self.qkv(x).chunk(3, dim=2)
        w = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(c), dim=2)
        return h + self.proj(w @ v).transpose(1, 2).reshape(b, c, hh, ww)


class UNet(nn.Module):
    def __init__(self, width=16, mults=(1, 2, 2), classes=10, channels=1, g=8):
        super().__init__()
        self.width, emb = width, 4 * width
        self.t0, self.t1 = nn.Linear(width, emb), nn.Linear(emb, emb)
        self.cls = nn.Embedding(classes + 1, emb)
        widths = [m * width for m in mults]
        self.conv_in = nn.Conv2d(channels, widths[0], 3, padding=1)
        self.down, self.downs = nn.ModuleList(), nn.ModuleList()
        c = widths[0]
        for i, w in enumerate(widths):
            self.down.append(Res(c, w, emb, g)); c = w
            self.downs.append(nn.Conv2d(c, c, 3, 2, 1) if i < len(widths) - 1 else nn.Identity())
        self.mid0, self.attn, self.mid1 = Res(c, c, emb, g), Attn(c, g), Res(c, c, emb, g)
        self.up, self.ups = nn.ModuleList(), nn.ModuleList()
        for i in reversed(range(len(widths))):
            self.up.append(Res(c + widths[i], widths[i], emb, g)); c = widths[i]
            self.ups.append(nn.Conv2d(c, c, 3, padding=1) if i > 0 else nn.Identity())
        self.norm_out, self.conv_out = nn.GroupNorm(g, c), nn.Conv2d(c, channels, 3, padding=1)

    def forward(self, x, t, y):
        half = self.width // 2
        freqs = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32) / half)
        args = t.float()[:, None] * freqs[None]
        emb = self.t1(silu(self.t0(torch.cat([torch.cos(args), torch.sin(args)], 1)))) + self.cls(y)
        h, skips = self.conv_in(x), []
        for res, ds in zip(self.down, self.downs):
            h = res(h, emb); skips.append(h); h = ds(h)
        h = self.mid1(self.attn(self.mid0(h, emb)), emb)
        for res, us in zip(self.up, self.ups):
            h = res(torch.cat([h, skips.pop()], 1), emb)
            if not isinstance(us, nn.Identity):
                h = us(F.interpolate(h, scale_factor=2, mode="nearest"))
        return self.conv_out(silu(self.norm_out(h)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--min-steps", type=int, default=5)
    p.add_argument("--min-seconds", type=float, default=10.0)
    p.add_argument("--sampling-steps", type=int, default=50)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    T, b, K = 400, a.batch, 10
    betas = torch.linspace(1e-4, 0.02, T, dtype=torch.float64)
    ab = torch.cumprod(1 - betas, 0).float()
    net = UNet()
    ema = copy.deepcopy(net)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999))
    x0 = torch.rand(b, 1, 28, 28) * 2 - 1
    labels = torch.arange(b) % K

    def step():
        t = torch.randint(0, T, (b,))
        eps = torch.randn_like(x0)
        y = torch.where(torch.rand(b) < 0.1, torch.full_like(labels, K), labels)
        a_t = ab[t][:, None, None, None]
        xt = a_t.sqrt() * x0 + (1 - a_t).sqrt() * eps
        opt.zero_grad(set_to_none=True)
        loss = F.mse_loss(net(xt, t, y), eps)
        loss.backward()
        opt.step()
        with torch.no_grad():
            for pe, pn in zip(ema.parameters(), net.parameters()):
                pe.mul_(0.995).add_(pn, alpha=0.005)

    for _ in range(2):
        step()
    times, start = [], time.perf_counter()
    while len(times) < a.min_steps or time.perf_counter() - start < a.min_seconds:
        t0 = time.perf_counter(); step(); times.append(time.perf_counter() - t0)
    median = statistics.median(times)

    @torch.no_grad()
    def sample(w):
        ts = [round((T - 1) * i / (a.sampling_steps - 1)) for i in range(a.sampling_steps)][::-1]
        x = torch.randn(b, 1, 28, 28)
        for i, t in enumerate(ts):
            tt = torch.full((b,), t)
            if w > 0:
                both = ema(torch.cat([x, x]), torch.cat([tt, tt]), torch.cat([labels, torch.full_like(labels, K)]))
                e = (1 + w) * both[:b] - w * both[b:]
            else:
                e = ema(x, tt, labels)
            a_t, a_p = ab[t], (ab[ts[i + 1]] if i + 1 < len(ts) else torch.tensor(1.0))
            x0_hat = ((x - (1 - a_t).sqrt() * e) / a_t.sqrt()).clamp(-1, 1)
            e = (x - a_t.sqrt() * x0_hat) / (1 - a_t).sqrt()
            x = a_p.sqrt() * x0_hat + (1 - a_p).sqrt() * e
        return x

    rates = []
    for w in (0, 2):
        t0 = time.perf_counter(); sample(w); rates.append(b / (time.perf_counter() - t0))
    print(json.dumps({
        "trainImagesPerSecond": b / median, "medianStepMs": median * 1000, "steps": len(times),
        "sampleImagesPerSecond": rates[0], "cfgSampleImagesPerSecond": rates[1],
        "parameters": sum(p.numel() for p in net.parameters()), "threads": torch.get_num_threads(), "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
