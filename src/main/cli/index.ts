// The `ouroboros` command line: run, serve, runs, sweeps, import, download, datasets, doctor — headless access to the same core as the app.
import { parseArgs } from 'node:util';
import { WorkbenchError } from '@shared/errors';
import { appVersion } from '../core/system/systemInfo';
import type { Workbench } from '../core/workbench';
import { datasetsCommand } from './commands/datasetsCommand';
import { doctorCommand } from './commands/doctorCommand';
import { metricsCommand } from './commands/metricsCommand';
import { metricsOptionsFromFlags } from './metricsArgs';
import { downloadCommand } from './commands/downloadCommand';
import { exportCommand } from './commands/exportCommand';
import { importCommand } from './commands/importCommand';
import { runCommand } from './commands/runCommand';
import { runsCommand } from './commands/runsCommand';
import { serveCommand } from './commands/serveCommand';
import { submitCommand } from './commands/submitCommand';
import { sweepsCommand } from './commands/sweepCommands';
import { openNodeWorkbench } from './openWorkbench';

const usage = `ouroboros ${appVersion} — research workbench for self-consuming loops and weak-to-strong supervision

usage:
  ouroboros run <config.json> [--json]      run an experiment headless (progress on stderr, results on stdout)
  ouroboros run <sweep.json> [--json]       run every point of a sweep on the local queue (a progress line per
                                            point, --concurrency at once), then a table of the points
  ouroboros submit <sweep.json | config.json> [--executor local|slurm] [--json] [--detach]
      [--partition P] [--time T] [--cpus-per-task N] [--mem M] [--gres gpu:1] [--max-parallel K]
      [--max-requeues R] [--signal-lead S] [--no-probe]
                                            every point as a run; on Slurm one job array, followed until done
  ouroboros submit --retry <run-id> [--retry <run-id>…] --executor slurm   a new array of just those runs
  ouroboros serve [--host H] [--port P]     the UI in a browser (default 127.0.0.1, a free port, token URL)
  ouroboros runs [list] [--json]            list the runs of the workspace
  ouroboros runs show <run-id> [--json]     one run: status, final metrics, config to rerun it
  ouroboros runs resume <run-id> [--json]   continue an interrupted, failed or cancelled run here (a Slurm run too: submit --retry sends it back), followed to the end
  ouroboros runs cancel <run-id> [--json]   cancel a queued or running run, also one hosted by the app or serve
  ouroboros runs delete <run-id> [--json]   delete a run and its files (cancel it first)
  ouroboros runs watch [<run-id> | --sweep <sweep-id>] [--json]
                                            follow running runs (default: all) with progress bars until they end
  ouroboros sweeps [list] [--json]          list the sweeps of the workspace
  ouroboros sweeps show <sweep-id> [--json] one sweep: every point's coordinates, status, progress, final metrics
  ouroboros import <path> [--json]          import a dataset (IDX, image folder, ZIP, CSV, npy/npz, CIFAR) with progress
      [--name N] [--format idx|image-folder|zip|csv|npy|npz|cifar] [--size HxW]
      [--channels keep|grayscale|rgb] [--resize-policy resize|reject] [--test-fraction F [--split-seed S]]
  ouroboros download <mnist|fashion-mnist|kmnist|cifar-10> [--mirror URL] [--name N] [--json]
                                            fetch from the canonical host (resumed, checksum-verified), then import
  ouroboros datasets [list] [--json]        list the datasets (the built-ins are generated on first use)
  ouroboros datasets show <id> [--json]     one dataset: shape, counts per class, statistics, source
  ouroboros doctor [--json]                 versions, workspace, compute backend and why a faster one is not used
  ouroboros metrics <real> <fake>           FID, KID, precision/recall, density/coverage, IS, classes covered;
      each of <real> <fake> is an N×D .npy feature file, a dataset folder, a workspace dataset id or a
      folder of images (embedded by a classifier trained on <real>, cached, or --feature-model model.json)
      [--split train|test|all] [--max-items N] [--seed S] [--feature-model model.json] [--json]
  ouroboros export <pack.json> -o pack.zip [--force] [--preset V] [--font F] [--json]
  ouroboros export --run <id> [--run <id>…] --preset <icml|neurips|iclr|ieee|acm|cvpr> [--font times|computer-modern] -o pack.zip
                                            a figure pack: vector PDF/SVG, 300-dpi PNG, CSV, LaTeX, manifest (ZIP)

options for every command:
  --workspace DIR     workspace folder (default: $OUROBOROS_WORKSPACE or ~/.ouroboros)
  --concurrency N     jobs running at once (default: number of cores)
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      workspace: { type: 'string' },
      concurrency: { type: 'string' },
      json: { type: 'boolean', default: false },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h', default: false },
      name: { type: 'string' },
      mirror: { type: 'string' },
      format: { type: 'string' },
      size: { type: 'string' },
      channels: { type: 'string' },
      'resize-policy': { type: 'string' },
      'test-fraction': { type: 'string' },
      'split-seed': { type: 'string' },
      'feature-model': { type: 'string' },
      split: { type: 'string' },
      'max-items': { type: 'string' },
      seed: { type: 'string' },
      version: { type: 'boolean', short: 'v', default: false },
      output: { type: 'string', short: 'o' },
      force: { type: 'boolean', default: false },
      run: { type: 'string', multiple: true },
      preset: { type: 'string' },
      font: { type: 'string' },
      executor: { type: 'string' },
      partition: { type: 'string' },
      time: { type: 'string' },
      'cpus-per-task': { type: 'string' },
      mem: { type: 'string' },
      gres: { type: 'string' },
      'max-parallel': { type: 'string' },
      'max-requeues': { type: 'string' },
      'signal-lead': { type: 'string' },
      'no-probe': { type: 'boolean', default: false },
      detach: { type: 'boolean', default: false },
      retry: { type: 'string', multiple: true },
      sweep: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.version) {
    process.stdout.write(`${appVersion}\n`);
    return 0;
  }
  if (values.help || !command) {
    process.stdout.write(usage);
    return command || values.help ? 0 : 2;
  }
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new WorkbenchError('invalid-input', `--concurrency must be a whole number ≥ 1, got "${values.concurrency}"`);
  }
  const port = Number(values.port);
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new WorkbenchError('invalid-input', `--port must be 0–65535, got "${values.port}"`);
  }
  if (!['run', 'serve', 'runs', 'doctor', 'import', 'datasets', 'download', 'metrics', 'export', 'submit', 'sweeps'].includes(command)) {
    throw new WorkbenchError('invalid-input', `unknown command "${command}"; run \`ouroboros --help\``);
  }
  if (command === 'run' && !rest[0]) throw new WorkbenchError('invalid-input', 'usage: ouroboros run <config.json | sweep.json> [--json]');
  if (command === 'metrics') {
    // Two .npy files need no workspace; datasets by id (and the extractor cache) open it on demand.
    if (!rest[0] || !rest[1]) {
      throw new WorkbenchError('invalid-input', 'usage: ouroboros metrics <real> <fake> [--feature-model model.json] [--split train|test|all] [--max-items N] [--seed S] [--json]');
    }
    return metricsCommand(rest[0], rest[1], metricsOptionsFromFlags(values, (workspace) => openNodeWorkbench({ workspace, shell: 'cli', concurrency })));
  }
  if (command === 'import' && !rest[0]) throw new WorkbenchError('invalid-input', 'usage: ouroboros import <path> [options] (see --help)');

  const workbench: Workbench = openNodeWorkbench({
    workspace: values.workspace,
    shell: command === 'serve' ? 'serve' : 'cli',
    concurrency,
  });
  try {
    switch (command) {
      case 'run':
        return await runCommand(workbench, rest[0], values.json);
      case 'serve':
        return await serveCommand(workbench, values.host, port);
      case 'runs':
        return await runsCommand(workbench, rest[0] ?? 'list', rest[1], values.json, values.sweep);
      case 'sweeps':
        return await sweepsCommand(workbench, rest[0] ?? 'list', rest[1], values.json);
      case 'import':
        return await importCommand(workbench, rest[0], values, values.json);
      case 'download':
        if (!rest[0]) throw new WorkbenchError('invalid-input', 'usage: ouroboros download <mnist|fashion-mnist|kmnist|cifar-10> [--mirror URL]');
        return await downloadCommand(workbench, rest[0], values, values.json);
      case 'export':
        return await exportCommand(workbench, rest[0], { output: values.output, force: values.force, run: values.run, preset: values.preset, font: values.font, json: values.json });
      case 'submit':
        return await submitCommand(workbench, rest[0], values);
      case 'datasets':
        return await datasetsCommand(workbench, rest[0] ?? 'list', rest[1], values.json);
      default:
        return await doctorCommand(workbench, values.json);
    }
  } finally {
    await workbench.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const typed = WorkbenchError.from(error);
    process.stderr.write(`ouroboros: ${typed.message}\n`);
    if (typed.code === 'internal' && error instanceof Error && process.env.OUROBOROS_DEBUG) process.stderr.write(`${error.stack}\n`);
    process.exit(typed.code === 'invalid-input' ? 2 : 1);
  },
);
