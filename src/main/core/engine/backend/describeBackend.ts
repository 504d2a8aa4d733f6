// The compute section of `ouroboros doctor`, the system page and each run's record: which backend is
// active, on what device, and why each faster one was not used.
import * as tf from '@tensorflow/tfjs';
import { currentBackend, selectBackend } from './selectBackend';
import type { BackendReport, SelectBackendOptions } from './types';
import { adapterLines } from './webgpuAdapter';

export interface BackendDescription extends BackendReport {
  /** @tensorflow/tfjs version. */
  tfjsVersion: string;
  /** Tensors alive in the engine (a leak shows up here in `doctor` of a long-running serve process). */
  numTensors: number;
  /** Human-readable lines, for the CLI. */
  lines: string[];
}

/**
 * Describes the active backend, selecting one first (with `options`) when none is active yet. Plain data:
 * safe to send across process boundaries (`{ backend, device, notes }` is the contract's ComputeDescription).
 */
export async function describeBackend(options: SelectBackendOptions = {}): Promise<BackendDescription> {
  const report = currentBackend() ?? (await selectBackend(options));
  const lines = [
    `backend: ${report.backend} (tfjs '${report.tfjsBackend}', chosen by ${report.source})`,
    `device:  ${report.device}`,
    ...(report.adapter ? adapterLines(report.adapter) : []),
    ...report.notes.map((note) => `note:    ${note}`),
    `tfjs:    ${tf.version.tfjs}`,
  ];
  return { ...report, notes: [...report.notes], adapter: report.adapter ? { ...report.adapter, limits: { ...report.adapter.limits } } : null, tfjsVersion: tf.version.tfjs, numTensors: tf.memory().numTensors, lines };
}
