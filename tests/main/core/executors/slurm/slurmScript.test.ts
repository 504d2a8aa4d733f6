// The sbatch script: one array with its throttle, logs per task in the submission, USR2 before the time
// limit, requeue, the worker exec'd; option values outside Slurm's syntax are refused by field.
import { describe, expect, it } from 'vitest';
import { buildSlurmScript, shellQuote } from '../../../../../src/main/core/executors/slurm/slurmScript';
import { mergeSlurmOptions, slurmDefaultsSchema, slurmOptionsSchema } from '../../../../../src/shared/config/slurmOptions';
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

  it('exports the worker environment (the Electron binary runs it as Node) and defaults to one CPU', () => {
    const options = slurmOptionsSchema.parse({});
    const script = buildSlurmScript({
      submissionDir: '/ws/slurm/a',
      count: 1,
      jobName: 'one',
      nodeBinary: '/opt/Ouroboros Workbench/ouroboros',
      workerScript: '/opt/Ouroboros Workbench/resources/app.asar/out/main/jobWorker.js',
      workerEnv: { ELECTRON_RUN_AS_NODE: '1' },
      options,
    });
    expect(script).toContain('#SBATCH --cpus-per-task=1');
    const lines = script.trim().split('\n');
    expect(lines.at(-3)).toBe("export ELECTRON_RUN_AS_NODE='1'");
    expect(lines.at(-1)).toBe("exec '/opt/Ouroboros Workbench/ouroboros' '/opt/Ouroboros Workbench/resources/app.asar/out/main/jobWorker.js'");
    expect(() => buildSlurmScript({ submissionDir: '/ws', count: 1, jobName: 'x', nodeBinary: 'n', workerScript: 'w', workerEnv: { 'A;rm -rf /': '1' }, options })).toThrow(
      /workerEnv: "A;rm -rf \/" is not an environment variable name/,
    );
  });

  it('merges workspace defaults, a sweep\'s options and flags, later layers winning and blanks never erasing', () => {
    expect(mergeSlurmOptions({ partition: 'cpu', cpusPerTask: 4, time: '1:00:00' }, { partition: 'gpu', time: undefined }, { maxParallel: 2 })).toEqual({
      partition: 'gpu',
      cpusPerTask: 4,
      time: '1:00:00',
      maxParallel: 2,
    });
    expect(slurmDefaultsSchema.safeParse({ cpusPerTask: 0 }).success).toBe(false);
    expect(slurmDefaultsSchema.safeParse({ probe: false }).success).toBe(false); // defaults are resources only
    expect(slurmDefaultsSchema.parse({})).toEqual({}); // no schema defaults that would hide a sweep's or Slurm's own
  });

  it('refuses option values that would break out of an #SBATCH line, naming the flag', () => {
    expect(() => parseOrThrow(slurmOptionsSchema, { partition: 'gpu\n#SBATCH --x' }, 'Slurm options')).toThrow(/partition: --partition may only contain/);
    expect(() => parseOrThrow(slurmOptionsSchema, { time: 'soon' }, 'Slurm options')).toThrow(/time: --time must be/);
    expect(() => parseOrThrow(slurmOptionsSchema, { maxParallel: 0 }, 'Slurm options')).toThrow(/maxParallel/);
  });
});
