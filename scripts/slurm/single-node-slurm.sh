#!/usr/bin/env bash
# Vendored from the team's ../shared/slurm/single-node-slurm.sh so a CI checkout has it; npm test runs it (scripts/test-slurm.cjs).
# A real single-node Slurm cluster (munged + slurmctld + slurmd) for tests and CI on Debian 12, as root, without systemd.
# Tested with Debian's slurm 22.05.8-4+deb12u3 and munge 0.5.15-2+deb12u1.
#   bash single-node-slurm.sh install   # apt packages: 13-21 s, 8 debs, 3.2 MB download
#   bash single-node-slurm.sh start     # munged + slurmctld + slurmd, waits for node idle: 0.5-1.5 s
#   bash single-node-slurm.sh smoke     # sbatch --array=0-3, wait, check 4 result files: 2.5-4.5 s
#   bash single-node-slurm.sh stop      # scancel all, stop the 3 daemons by PID (pidfiles): 5-7 s
#   bash single-node-slurm.sh status
# CI use:  bash single-node-slurm.sh install && bash single-node-slurm.sh start
#          trap 'bash single-node-slurm.sh stop' EXIT
set -euo pipefail

CONF=/etc/slurm/slurm.conf
RUN=/run/slurm
LOG=/var/log/slurm
CTLD_PID=$RUN/slurmctld.pid
SLURMD_PID=$RUN/slurmd.pid
MUNGE_PID=/run/munge/munged.pid

log() { echo "[slurm-ci] $*" >&2; }

do_install() {
  export DEBIAN_FRONTEND=noninteractive
  # Without systemd, package postinsts would try /etc/init.d/* start; block that
  # (this image already ships a policy-rc.d that exits 101; add one only if absent).
  local added=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; added=1
  fi
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
  if [ "$added" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
  dpkg-query -W -f='${Package} ${Version}\n' slurmctld slurmd slurm-client munge >&2
}

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

write_conf() {
  local host cpus mem
  host=$(hostname -s)
  cpus=$(nproc)
  mem=$(free -m | awk '/^Mem:/{print int($2*0.9)}')   # a bit below total
  mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd "$LOG" "$RUN"
  cat > "$CONF" <<EOF
ClusterName=ci
# address pinned to loopback: no dependence on hostname resolution
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# requeued jobs wait cred_expire seconds before restarting (default 120)
AuthInfo=cred_expire=10
MailProg=/bin/true
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
# no slurmdbd: finished jobs stay visible to scontrol/squeue for MinJobAge s,
# and are appended to a text log (readable with: sacct -c)
JobCompType=jobcomp/filetxt
JobCompLoc=$LOG/jobcomp.log
MinJobAge=3600
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=bf_interval=1,sched_interval=1
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=$LOG/slurmctld.log
SlurmdLogFile=$LOG/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=${mem} State=UNKNOWN
PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP
EOF
}

do_start() {
  command -v slurmctld >/dev/null || { log "slurm not installed (run: $0 install)"; exit 1; }
  if alive "$CTLD_PID" || alive "$SLURMD_PID"; then log "already running"; return 0; fi
  write_conf
  # munge: key made by the package postinst; make one if missing
  if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge; chown munge:munge /etc/munge; chmod 0700 /etc/munge
    runuser -u munge -- mungekey --create --keyfile=/etc/munge/munge.key
  fi
  chown munge:munge /etc/munge/munge.key; chmod 0400 /etc/munge/munge.key
  # /run/munge is normally created by systemd's RuntimeDirectory=
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge; chmod 0755 /run/munge
  if ! alive "$MUNGE_PID"; then runuser -u munge -- /usr/sbin/munged; fi
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n | unmunge >/dev/null || { log "munge not working"; tail -20 /var/log/munge/munged.log >&2; exit 1; }
  # -c: start from empty job/node state every time
  /usr/sbin/slurmctld -c
  /usr/sbin/slurmd -c
  local host state=""
  host=$(hostname -s)
  for _ in $(seq 150); do
    state=$(sinfo -h -n "$host" -o %t 2>/dev/null || true)
    [ "$state" = idle ] && break
    case "$state" in down*|drain*) scontrol update nodename="$host" state=resume 2>/dev/null || true ;; esac
    sleep 0.2
  done
  if [ "$state" != idle ]; then
    log "node not idle (state='$state')"; tail -30 "$LOG/slurmctld.log" "$LOG/slurmd.log" >&2; exit 1
  fi
  log "up: $(sinfo -h -o '%P %a %D %t %N')"
}

stop_pid() {  # stop_pid <pidfile> <name>
  local pid
  [ -s "$1" ] || return 0
  pid=$(cat "$1")
  kill -0 "$pid" 2>/dev/null || { rm -f "$1"; return 0; }
  kill -TERM "$pid"
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then log "$2 ($pid) did not exit, SIGKILL"; kill -KILL "$pid" || true; fi
  rm -f "$1"
}

do_stop() {
  if alive "$CTLD_PID"; then
    scancel --user="$(id -un)" 2>/dev/null || true        # cancel our jobs
    for _ in $(seq 100); do [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break; sleep 0.1; done
  fi
  # job processes (slurmstepd) outlive squeue by a moment; let them finish (read-only check)
  for _ in $(seq 100); do pgrep -x slurmstepd >/dev/null || break; sleep 0.1; done
  stop_pid "$SLURMD_PID" slurmd
  stop_pid "$CTLD_PID" slurmctld      # its child slurmscriptd exits with it
  stop_pid "$MUNGE_PID" munged
  log "stopped"
}

do_smoke() {
  local dir jid
  dir=$(mktemp -d /tmp/slurm-smoke.XXXX)
  cat > "$dir/job.sh" <<'EOF'
#!/bin/bash
echo "{\"task\": $SLURM_ARRAY_TASK_ID, \"job\": \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"}" > "$OUT_DIR/result_${SLURM_ARRAY_TASK_ID}.json"
EOF
  jid=$(OUT_DIR=$dir sbatch --parsable --export=ALL --array=0-3 --cpus-per-task=1 --mem=100M \
        --time=5 --job-name=smoke --output="$dir/%A_%a.out" "$dir/job.sh")
  jid=${jid%%;*}            # --parsable prints "jobid[;cluster]"
  for _ in $(seq 300); do [ -z "$(squeue -h -j "$jid" -o %i 2>/dev/null)" ] && break; sleep 0.2; done
  scontrol -o show job "$jid" | grep -oE '(ArrayTaskId|JobState|ExitCode)=[^ ]+' | paste - - - >&2
  local n; n=$(ls "$dir"/result_*.json 2>/dev/null | wc -l)
  [ "$n" = 4 ] || { log "smoke FAILED: $n/4 results"; exit 1; }
  [ -z "$(scontrol -o show job "$jid" | grep -v 'JobState=COMPLETED')" ] || { log "smoke FAILED: a task did not complete"; exit 1; }
  log "smoke ok: 4/4 array tasks completed ($dir)"
}

case "${1:-}" in
  install) do_install ;;
  start) do_start ;;
  stop) do_stop ;;
  smoke) do_smoke ;;
  status) sinfo; squeue ;;
  *) echo "usage: $0 install|start|smoke|stop|status" >&2; exit 2 ;;
esac
