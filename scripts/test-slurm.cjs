// The Slurm cluster `npm test` runs the Slurm executor's suites on: a one-node cluster (munged, slurmctld,
// slurmd; scripts/slurm/single-node-slurm.sh) installed from Debian's packages and started without systemd
// when we are root on Debian, the way Chromium is installed. A cluster that already answers `sinfo` (a
// developer's or CI's own) is used as it is. Effects go through `deps` (tests/scripts/testPrepare.test.ts).
'use strict';
const { join } = require('node:path');

const SLURM_SCRIPT = join(__dirname, 'slurm', 'single-node-slurm.sh');
const SBATCH = '/usr/bin/sbatch';
const SLURMCTLD = '/usr/sbin/slurmctld';

/**
 * @param {import('./test-prepare.cjs').PrepareDeps} deps
 * @param {boolean} allowInstall
 * @returns {{ started: boolean } | { skipped: string }} `started`: we started it (and `npm test` stops it after)
 */
function prepareSlurm(deps, allowInstall) {
  const answers = () => deps.run('sinfo', ['-h', '-o', '%t'], { timeoutMs: 15_000, quiet: true }).status === 0;
  if (deps.exists(SBATCH) && answers()) return { started: false };
  const root = deps.isRoot();
  if (!deps.exists(SLURMCTLD)) {
    if (!allowInstall) return { skipped: 'no Slurm here and OUROBOROS_TEST_NO_INSTALL is set (bash scripts/slurm/single-node-slurm.sh install && … start)' };
    if (!(root && deps.isDebian())) {
      return { skipped: deps.exists(SBATCH) ? 'sbatch is installed but no Slurm controller answers (sinfo failed)' : 'no sbatch (Slurm); npm test installs a one-node cluster itself when run as root on Debian' };
    }
    deps.log('npm test: installing a one-node Slurm cluster for the Slurm executor tests (Debian slurmctld, slurmd, munge; once per machine)');
    if (deps.run('bash', [SLURM_SCRIPT, 'install'], { timeoutMs: 900_000 }).status !== 0 || !deps.exists(SLURMCTLD)) {
      return { skipped: 'apt-get could not install Slurm (slurmctld slurmd slurm-client munge)' };
    }
  }
  if (!root) return { skipped: 'Slurm is installed but not running, and starting the one-node cluster needs root (bash scripts/slurm/single-node-slurm.sh start)' };
  deps.log('npm test: starting the one-node Slurm cluster (scripts/slurm/single-node-slurm.sh start)');
  if (deps.run('bash', [SLURM_SCRIPT, 'start'], { timeoutMs: 120_000 }).status !== 0 || !answers()) {
    return { skipped: 'the one-node Slurm cluster did not start (its log lines are above)' };
  }
  return { started: true };
}

/** Stops the cluster `prepareSlurm` started (not one that was already running). */
function stopSlurm(deps, prepared) {
  if ('started' in prepared && prepared.started) deps.run('bash', [SLURM_SCRIPT, 'stop'], { timeoutMs: 120_000, quiet: true });
}

module.exports = { prepareSlurm, stopSlurm, SLURM_SCRIPT, SBATCH, SLURMCTLD };
