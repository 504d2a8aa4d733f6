// The sbatch script: one array with its throttle, logs per task in the submission, USR2 before the time
// limit, requeue, the worker exec'd; option values outside Slurm's syntax are refused by field.
import { describe, expect, it } from 'vitest';
import { buildSlurmScript, shellQuote } from '../../../../../src/main/core/executors/slurm/slurmScript';
import { slurmOptionsSchema } from '../../../../../src/shared/config/slurmOptions';
import { parseOrThrow } from '../../../../../src/shared/errors';

describe('Slurm script', () => {
  it('writes the array, logs, signal, requeue, resources and an exec of the worker', () => {
    const options = slurmOptionsSchema.parse({ partition: 'gpu', time: '0:30:00', cpusPerTask: 4, gres: 'gpu:1', maxParallel: 2, signalLeadSeconds: 120 });
    const script = buildSlurmScript({ submissionDir: "/ws/slurm/it's", count: 4, jobName: 'sweep λ', nodeBinary: '/usr/bin/node', workerScript: '/app/out/main/jobWorker.js', options });
    expect(script).toContain('#SBATCH --array=0-3%2');
    expect(script).toContain("#SBATCH --output=/ws/slurm/it's/logs/%A_%a.out");
    expect(script).toContain('#SBATCH --signal=B:USR2@120');
    expect(script).toContain('#SBATCH --requeue');
    expect(script).toContain('#SBATCH --open-mode=append');
    expect(script).toContain('#SBATCH --partition=gpu');
    expect(script).toContain('#SBATCH --time=0:30:00');
    expect(script).toContain('#SBATCH --gres=gpu:1');
    expect(script).toContain('#SBATCH --cpus-per-task=4');
    expect(script).toContain('#SBATCH --job-name=sweep__');
    expect(script).toContain(`export OUROBOROS_SLURM_MANIFEST=${shellQuote("/ws/slurm/it's/manifest.json")}`);
    expect(script.trim().split('\n').at(-1)).toBe("exec '/usr/bin/node' '/app/out/main/jobWorker.js'");
  });

  it('refuses option values that would break out of an #SBATCH line, naming the flag', () => {
    expect(() => parseOrThrow(slurmOptionsSchema, { partition: 'gpu\n#SBATCH --x' }, 'Slurm options')).toThrow(/partition: --partition may only contain/);
    expect(() => parseOrThrow(slurmOptionsSchema, { time: 'soon' }, 'Slurm options')).toThrow(/time: --time must be/);
    expect(() => parseOrThrow(slurmOptionsSchema, { maxParallel: 0 }, 'Slurm options')).toThrow(/maxParallel/);
  });
});
