// Small-CNN (the zoo's small-cnn, 28×28×1 → 10) training throughput (images/s) on the ladder's backend and
// webgpu against PyTorch CPU; the harness, models and baselines are in trainingThroughput.ts.
import { trainingThroughputBench } from './trainingThroughput';

export default trainingThroughputBench('small-cnn');
