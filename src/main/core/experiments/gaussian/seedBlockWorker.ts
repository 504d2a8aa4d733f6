// Worker-thread entry of the Gaussian experiments: simulates one block of seeds generation by generation,
// or one block of effective-sample-size replicates, on request. Each seed's numbers depend only on its
// stream keys, so any split of the seeds over threads gives the same bits.
import { parentPort, type MessagePort, type TransferListItem } from 'node:worker_threads';
import { WorkbenchError } from '@shared/errors';
import { realOnlyDistances } from './effectiveSampleSize';
import type { LoopCheckpointState } from './loopCheckpoint';
import { GaussianLoopSimulation } from './loopSimulation';
import { gaussianMetricNames } from './modelMetrics';
import { buildReference, type GaussianReferenceParams } from '../../math/referenceDistribution';
import type { SeedBlockRequest, SeedBlockResponse, StepResult } from './seedBlockProtocol';
import { eigenbasisFrame, originalFrame, type FrameKind, type SimulationFrame } from './simulationFrame';

/** The buffer of a typed array this thread allocated (never shared), for a transfer list. */
function bufferOf(array: Float64Array): ArrayBuffer {
  return array.buffer as ArrayBuffer;
}

/**
 * Buffers of a freshly encoded checkpoint, moved (not copied) to the calling thread; last models packed
 * into the caller's shared arrays are already there and are not moved.
 */
function checkpointBuffers(state: LoopCheckpointState): ArrayBuffer[] {
  const buffers = [state.means, state.chols].filter((a) => !(a.buffer instanceof SharedArrayBuffer)).map(bufferOf);
  if (state.history) buffers.push(bufferOf(state.history.means), bufferOf(state.history.chols));
  if (state.accumulated) buffers.push(bufferOf(state.accumulated.means), bufferOf(state.accumulated.scatters));
  return buffers;
}

function frameOf(reference: GaussianReferenceParams, kind: FrameKind, cache: Map<string, SimulationFrame>): SimulationFrame {
  const key = `${kind}:${JSON.stringify(reference)}`;
  let frame = cache.get(key);
  if (!frame) {
    const built = buildReference(reference);
    frame = kind === 'eigenbasis' ? eigenbasisFrame(built) : originalFrame(built);
    cache.set(key, frame);
  }
  return frame;
}

/** Answers requests on `port` until the worker is terminated. */
export function serveSeedBlocks(port: MessagePort | NonNullable<typeof parentPort>): void {
  let simulation: GaussianLoopSimulation | null = null;
  const frames = new Map<string, SimulationFrame>();
  const requireSimulation = (): GaussianLoopSimulation => {
    if (!simulation) throw new WorkbenchError('internal', 'seed block worker used before init');
    return simulation;
  };
  port.on('message', (request: SeedBlockRequest) => {
    try {
      let result: StepResult | LoopCheckpointState | Float64Array | null = null;
      const transfer: TransferListItem[] = [];
      switch (request.type) {
        case 'init':
          simulation = new GaussianLoopSimulation(request.plan, frameOf(request.reference, request.frame, frames), {
            seedStart: request.seedStart,
            seedCount: request.seedCount,
          });
          break;
        case 'step': {
          const simulation = requireSimulation();
          const outcome = simulation.step();
          const step: StepResult = { generation: outcome.generation, values: outcome.values, firstModel: outcome.firstModel };
          for (const name of gaussianMetricNames) transfer.push(bufferOf(outcome.values[name]));
          if (request.withCheckpoint) {
            step.checkpoint = simulation.checkpoint(request.into);
            transfer.push(...checkpointBuffers(step.checkpoint));
          }
          result = step;
          break;
        }
        case 'checkpoint': {
          const state: LoopCheckpointState = requireSimulation().checkpoint(request.into);
          transfer.push(...checkpointBuffers(state));
          result = state;
          break;
        }
        case 'restore':
          requireSimulation().restore(request.state);
          break;
        case 'realOnly': {
          const values = realOnlyDistances(frameOf(request.reference, 'eigenbasis', frames), request.estimator, request.baseSeed, request.n, request.start, request.count);
          transfer.push(bufferOf(values));
          result = values;
          break;
        }
      }
      const response: SeedBlockResponse = { id: request.id, type: 'ok', result };
      port.postMessage(response, transfer);
    } catch (error) {
      const response: SeedBlockResponse = { id: request.id, type: 'error', error: WorkbenchError.from(error).toPayload() };
      port.postMessage(response);
    }
  });
}

if (parentPort) serveSeedBlocks(parentPort);
