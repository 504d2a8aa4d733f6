// `ouroboros serve`: the desktop UI in a browser, Jupyter-style: loopback by default, a fresh token
// per start printed as the URL to open, a warning when bound beyond loopback. The server (ws, static files)
// is imported when this command runs, so other CLI commands start without it.
import type { Workbench } from '../../core/workbench';
import { generateToken } from '../../serve/token';
import { builtPaths } from '../paths';

export async function serveCommand(workbench: Workbench, host: string, port: number): Promise<number> {
  const { isLoopback, startServer } = await import('../../serve/server');
  if (!isLoopback(host)) {
    process.stderr.write(
      `WARNING: serving on ${host} makes the workbench reachable from other machines. Anyone with the token can run jobs and read your workspace; prefer an SSH tunnel to 127.0.0.1.\n`,
    );
  }
  const server = await startServer({ workbench, host, port, token: generateToken(), staticDir: builtPaths.renderer });
  for (const runId of workbench.recoveredRunIds) process.stderr.write(`run ${runId} was left running by an earlier process: marked interrupted (resume it from the UI)\n`);
  process.stdout.write(`Ouroboros Workbench is serving at:\n\n    ${server.url}\n\nworkspace: ${workbench.layout.root}\nPress Ctrl-C to stop.\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stderr.write('stopping…\n');
  await server.close();
  return 0;
}
