// Seeded random streams for the experiments: each stream is derived statelessly from the key
// (baseSeed, seedIndex, generation, stream), so a resumed run redraws exactly the numbers an uninterrupted
// run would, and replicates can be split over threads without changing a single bit.
// Hand-written 32-bit integer code (xoshiro128** with Math.imul) because the Gaussian loop draws tens of
// millions of numbers per run; a generic library call per draw would dominate the run time.
import { NumericalError } from './numericalError';

/** Identifies one random stream. Every field is an integer in [0, 2³²). */
export interface StreamKey {
  /** Run-level seed (the config's `seed` or `referenceSeed`). */
  baseSeed: number;
  /** Independent replicate (loop seed) the draws belong to, from 0. */
  seedIndex: number;
  /** Generation the draws belong to; 0 for draws outside the loop (reference, effective sample size). */
  generation: number;
  /** Purpose of the draws within that generation (real data, synthetic data, scatter points, …). */
  stream: number;
}

const TWO_POW_MINUS_53 = 2 ** -53;
const TWO_POW_26 = 2 ** 26;

function assertKeyWord(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new NumericalError('randomStream', `key field ${name} must be an integer in [0, 2^32), got ${value}`, { field: name, value });
  }
}

/** 32-bit left rotation. */
export function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A xoshiro128** generator (period 2¹²⁸ − 1) whose 128-bit state is a bijective mix of the 128-bit key:
 * distinct keys always give distinct starting states. The mix is 8 ChaCha quarter-rounds with round
 * constants, each step invertible, so no two keys collide.
 */
export class RandomStream {
  /**
   * The four 32-bit state words. Kept in an Int32Array (not number fields, which V8 may box as doubles)
   * and exposed so that bulk samplers can hold them in local variables for a whole fill and write back.
   */
  readonly state: Int32Array;

  constructor(key: StreamKey) {
    assertKeyWord('baseSeed', key.baseSeed);
    assertKeyWord('seedIndex', key.seedIndex);
    assertKeyWord('generation', key.generation);
    assertKeyWord('stream', key.stream);
    let a = key.baseSeed | 0;
    let b = key.seedIndex | 0;
    let c = key.generation | 0;
    let d = key.stream | 0;
    for (let round = 0; round < 8; round++) {
      // Round constants (digits of π) break the symmetry between rounds; adding them is invertible.
      a = (a + 0x243f6a88 + round) | 0;
      c = (c ^ 0x85a308d3) | 0;
      a = (a + b) | 0; d ^= a; d = rotl(d, 16);
      c = (c + d) | 0; b ^= c; b = rotl(b, 12);
      a = (a + b) | 0; d ^= a; d = rotl(d, 8);
      c = (c + d) | 0; b ^= c; b = rotl(b, 7);
      // Rotate the roles of the words so each one passes through every position.
      const t = a; a = b; b = c; c = d; d = t;
    }
    // The all-zero state is the one state xoshiro cannot leave; it has probability 2⁻¹²⁸.
    if ((a | b | c | d) === 0) d = 1;
    this.state = Int32Array.of(a, b, c, d);
  }

  /** Next 32 random bits as an unsigned integer in [0, 2³²). */
  nextUint32(): number {
    const s = this.state;
    const s0 = s[0];
    const s1 = s[1];
    const s2 = s[2] ^ s0;
    const s3 = s[3] ^ s1;
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ (s1 << 9);
    s[3] = rotl(s3, 11);
    return Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * TWO_POW_26 + lo) * TWO_POW_MINUS_53;
  }

  /** Uniform double in (0, 1): never 0, so its logarithm is finite. */
  nextOpenDouble(): number {
    for (;;) {
      const u = this.nextDouble();
      if (u > 0) return u;
    }
  }
}

/** Shorthand for `new RandomStream({ baseSeed, seedIndex, generation, stream })`. */
export function randomStream(baseSeed: number, seedIndex: number, generation: number, stream: number): RandomStream {
  return new RandomStream({ baseSeed, seedIndex, generation, stream });
}
