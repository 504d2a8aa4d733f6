// DCGAN 28×28 training throughput (images/s) on the ladder's backend and webgpu against PyTorch CPU; the
// harness, models and baselines are in trainingThroughput.ts. More backends:
// OUROBOROS_BENCH_TRAINING_BACKENDS=wasm,webgpu,cpu (cpu is very slow: one timed step takes minutes).
import { trainingThroughputBench } from './trainingThroughput';

export default trainingThroughputBench('dcgan');
