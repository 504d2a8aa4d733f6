// Every random draw of a neural loop is keyed by (run seed, generation, purpose), never by a running RNG,
// so generation t draws the same real subset, trains with the same noise and samples the same latents
// whether the run was interrupted before it or not — the checkpoint needs no RNG positions.
import { randomStream } from '../../math/randomStream';

/** Purposes of the derived seeds (stream ids of the keyed generator). */
export const loopSeedPurpose = {
  realDraw: 1,
  trainer: 2,
  init: 3,
  synthetic: 4,
  evaluation: 5,
  grid: 6,
} as const;
export type LoopSeedPurpose = keyof typeof loopSeedPurpose;

/** A 32-bit seed for `purpose` in `generation` (0 = run-wide, e.g. the fixed grid latents). */
export function loopSeed(runSeed: number, generation: number, purpose: LoopSeedPurpose): number {
  return randomStream(runSeed >>> 0, 0, generation >>> 0, loopSeedPurpose[purpose]).nextUint32() >>> 0;
}

/**
 * Init seed of generation t's fresh model, derived from the configured one (each generation is trained from
 * scratch with its own weights). Always derived, never the raw config value: tfjs treats a seed of 0 (the
 * default) as "unseeded" and falls back to Math.random, which would make runs irreproducible.
 */
export function initSeed(configSeed: number, generation: number): number {
  return loopSeed(configSeed, generation, 'init') || 1;
}
