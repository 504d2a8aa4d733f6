// The forward-process variances β_1..β_T of a DDPM (Ho et al. 2020; cosine: Nichol & Dhariwal 2021,
// `openai/guided-diffusion` get_named_beta_schedule). Float64, computed once per run.
import { WorkbenchError } from '@shared/errors';

export type BetaScheduleKind = 'linear' | 'cosine';

export interface BetaScheduleSpec {
  kind: BetaScheduleKind;
  /** Number of diffusion steps T (count). */
  steps: number;
  /** Linear only: β_1 and β_T. Defaults 1e-4 and 0.02 (Ho et al.; TeaPearce's MNIST DDPM uses them at T = 400). */
  betaStart?: number;
  betaEnd?: number;
  /** Cosine only: offset s of ᾱ(t) = cos²((t/T + s)/(1 + s)·π/2). Default 0.008. */
  cosineOffset?: number;
}

/** Largest β the cosine schedule allows (guided-diffusion's max_beta): avoids a singular last step. */
export const COSINE_MAX_BETA = 0.999;

/**
 * β_t for t = 1..T, stored at index t − 1.
 * linear: evenly spaced from betaStart to betaEnd (numpy linspace, unlike guided-diffusion no 1000/T rescale:
 *   the two ends are given explicitly).
 * cosine: β_t = min(1 − ᾱ(t/T)/ᾱ((t−1)/T), 0.999).
 * @returns Float64Array [T]
 */
export function betaSchedule(spec: BetaScheduleSpec): Float64Array {
  const T = spec.steps;
  if (!Number.isInteger(T) || T < 2 || T > 10_000) throw new WorkbenchError('invalid-input', `betaSchedule: steps must be an integer in [2, 10000], got ${T}`, { field: 'steps', value: T });
  const betas = new Float64Array(T);
  if (spec.kind === 'linear') {
    const start = spec.betaStart ?? 1e-4;
    const end = spec.betaEnd ?? 0.02;
    if (!(start > 0 && end >= start && end < 1)) throw new WorkbenchError('invalid-input', `betaSchedule: need 0 < betaStart ≤ betaEnd < 1, got ${start}, ${end}`, { field: 'betaStart', betaStart: start, betaEnd: end });
    for (let i = 0; i < T; i++) betas[i] = start + ((end - start) * i) / (T - 1);
    return betas;
  }
  if (spec.kind === 'cosine') {
    const s = spec.cosineOffset ?? 0.008;
    const alphaBar = (u: number) => Math.cos(((u + s) / (1 + s)) * (Math.PI / 2)) ** 2;
    for (let i = 0; i < T; i++) betas[i] = Math.min(1 - alphaBar((i + 1) / T) / alphaBar(i / T), COSINE_MAX_BETA);
    return betas;
  }
  throw new WorkbenchError('invalid-input', `betaSchedule: unknown kind ${String(spec.kind)}`, { field: 'kind' });
}
