// Standard normal draws by the ziggurat method (Doornik's ZIGNOR, 128 layers): about 99 % of draws cost
// one comparison and one multiplication, which matters because the Gaussian loop needs ~10⁸ of them.
// Hand-written typed-array/table code for speed; exactness of the law is checked in the tests.
import { rotl, type RandomStream } from './randomStream';

const LAYERS = 128;
/** Start of the tail (right edge of the bottom layer) and the common area of every layer. */
const TAIL_START = 3.442619855899;
const LAYER_AREA = 9.91256303526217e-3;
const TWO_POW_MINUS_53 = 2 ** -53;
const TWO_POW_26 = 2 ** 26;

/** x[i]: right edge of layer i (x[0] is the bottom block's virtual width); ratio[i] = x[i+1] / x[i]. */
const layerX = new Float64Array(LAYERS + 1);
const layerRatio = new Float64Array(LAYERS);
(function buildTables(): void {
  let f = Math.exp(-0.5 * TAIL_START * TAIL_START);
  layerX[0] = LAYER_AREA / f;
  layerX[1] = TAIL_START;
  layerX[LAYERS] = 0;
  for (let i = 2; i < LAYERS; i++) {
    layerX[i] = Math.sqrt(-2 * Math.log(LAYER_AREA / layerX[i - 1] + f));
    f = Math.exp(-0.5 * layerX[i] * layerX[i]);
  }
  for (let i = 0; i < LAYERS; i++) layerRatio[i] = layerX[i + 1] / layerX[i];
})();

/** Draw from the normal tail beyond `start` (Marsaglia 1964), with the sign of `negative`. */
function tail(rng: RandomStream, start: number, negative: boolean): number {
  let x: number;
  let y: number;
  do {
    x = Math.log(rng.nextOpenDouble()) / start;
    y = Math.log(rng.nextOpenDouble());
  } while (-2 * y < x * x);
  return negative ? x - start : start - x;
}

/** One draw from N(0, 1). */
export function standardNormal(rng: RandomStream): number {
  for (;;) {
    const hi = rng.nextUint32();
    const lo = rng.nextUint32();
    // u in [-1, 1) from 53 bits; the layer index from 7 bits the double does not use.
    const u = 2 * ((hi >>> 5) * TWO_POW_26 + (lo >>> 6)) * TWO_POW_MINUS_53 - 1;
    const i = (lo & 0x3f) | ((hi & 1) << 6);
    if (Math.abs(u) < layerRatio[i]) return u * layerX[i];
    if (i === 0) return tail(rng, TAIL_START, u < 0);
    const x = u * layerX[i];
    const f0 = Math.exp(-0.5 * (layerX[i] * layerX[i] - x * x));
    const f1 = Math.exp(-0.5 * (layerX[i + 1] * layerX[i + 1] - x * x));
    if (f1 + rng.nextDouble() * (f0 - f1) < 1) return x;
  }
}

/**
 * Finishes a draw whose fast rectangle test failed for (u, layer i): the tail, the wedge test, or — when
 * the wedge rejects — a fresh draw. Consumes exactly what `standardNormal`'s loop would.
 */
function slowPath(rng: RandomStream, u: number, i: number): number {
  if (i === 0) return tail(rng, TAIL_START, u < 0);
  const x = u * layerX[i];
  const f0 = Math.exp(-0.5 * (layerX[i] * layerX[i] - x * x));
  const f1 = Math.exp(-0.5 * (layerX[i + 1] * layerX[i + 1] - x * x));
  if (f1 + rng.nextDouble() * (f0 - f1) < 1) return x;
  return standardNormal(rng);
}

/**
 * Fills `out[start … start+count)` with independent N(0, 1) draws: the same numbers as `count` calls of
 * `standardNormal`, but with the generator's state held in local variables (~3× faster in V8).
 */
export function fillStandardNormal(rng: RandomStream, out: Float64Array, start = 0, count = out.length - start): void {
  const st = rng.state;
  let s0 = st[0];
  let s1 = st[1];
  let s2 = st[2];
  let s3 = st[3];
  const end = start + count;
  for (let k = start; k < end; k++) {
    // Two xoshiro128** outputs, inlined (see RandomStream.nextUint32).
    const hi = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    s2 ^= s0; s3 ^= s1; const t1 = s1 << 9; s1 ^= s2; s0 ^= s3; s2 ^= t1; s3 = rotl(s3, 11);
    const lo = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    s2 ^= s0; s3 ^= s1; const t2 = s1 << 9; s1 ^= s2; s0 ^= s3; s2 ^= t2; s3 = rotl(s3, 11);
    const u = 2 * ((hi >>> 5) * TWO_POW_26 + (lo >>> 6)) * TWO_POW_MINUS_53 - 1;
    const i = (lo & 0x3f) | ((hi & 1) << 6);
    if (Math.abs(u) < layerRatio[i]) {
      out[k] = u * layerX[i];
      continue;
    }
    st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
    out[k] = slowPath(rng, u, i);
    s0 = st[0]; s1 = st[1]; s2 = st[2]; s3 = st[3];
  }
  st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
}
