#!/usr/bin/env bash
# cluster_scripts.sh SEQ_BINARY REPO_ROOT
# Runs data/cluster/adasolve-seq.slurm and adasolve-seq.pbs outside a scheduler: `srun` and `scontrol` are
# shims (srun = mpiexec -n 2), the job's run.ini is shrunk to a toy heat sequence. Checks, for each script:
# two jobs in a row both succeed and the second starts from the learner state the first saved; an
# interrupted job (SIGTERM to the ranks) leaves an unfinished checkpoint that the next job resumes, and the
# resumed rows equal an uninterrupted run's.
set -u
seq="$1" root="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "cluster_scripts: $*" >&2; exit 1; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ADASOLVE_SEQ="$seq"
mkdir -p "$work/bin" "$work/data/cluster"
mpiexec_path="$(command -v mpiexec)" || fail "no mpiexec on PATH"
cat >"$work/bin/srun" <<SHIM
#!/usr/bin/env bash
[[ "\$1" == --cpu-bind=* ]] && shift
echo \$\$ > launcher.pid   # exec keeps the PID: the test signals this launcher, which forwards to the ranks
exec "$mpiexec_path" -q -n 2 "\$@"
SHIM
printf '#!/bin/sh\necho "$@" >> scontrol.log\n' >"$work/bin/scontrol"
# PBS: a two-line node file, mpiexec without --hostfile/--bind-to (one host here).
cat >"$work/bin/mpiexec-pbs" <<SHIM
#!/usr/bin/env bash
args=()
while [[ \$# -gt 0 ]]; do
  case "\$1" in --hostfile) shift 2 ;; --bind-to) shift 2 ;; *) args+=("\$1"); shift ;; esac
done
echo \$\$ > launcher.pid
exec "$mpiexec_path" -q "\${args[@]}"
SHIM
chmod +x "$work/bin"/*
sed -e 's/^nx = .*/nx = 30/' -e 's/^steps = .*/steps = 150/' -e 's/^checkpoint-interval = .*/checkpoint-interval = 0.05/' \
    "$root/data/cluster/run.ini" >"$work/data/cluster/run.ini"
printf 'localhost\nlocalhost\n' >"$work/nodes"

run_job() {  # run_job slurm|pbs
  if [[ "$1" == slurm ]]; then
    (cd "$work" && PATH="$work/bin:$PATH" SLURM_SUBMIT_DIR="$work" SLURM_JOB_ID=1 bash "$root/data/cluster/adasolve-seq.slurm")
  else
    mkdir -p "$work/pbsbin" && ln -sf "$work/bin/mpiexec-pbs" "$work/pbsbin/mpiexec"
    (cd "$work" && PATH="$work/pbsbin:$PATH" PBS_O_WORKDIR="$work" PBS_NODEFILE="$work/nodes" bash "$root/data/cluster/adasolve-seq.pbs")
  fi
}

for scheduler in slurm pbs; do
  rm -f "$work"/run.* "$work"/learner.json
  run_job "$scheduler" >/dev/null 2>&1 || fail "$scheduler: first job failed"
  [[ -f "$work/learner.json" ]] || fail "$scheduler: no learner state after the first job"
  cp "$work/run.csv" "$work/first.csv"
  state1="$(cat "$work/learner.json")"
  run_job "$scheduler" >/dev/null 2>&1 || fail "$scheduler: second job failed"
  [[ "$(cat "$work/learner.json")" != "$state1" ]] || fail "$scheduler: the second job did not learn on"
  # Another job carries learning on, so its choices differ from the first job's (which started from nothing).
  cmp -s "$work/run.csv" "$work/first.csv" && fail "$scheduler: the second job ignored the learner state"

  # Interrupted job, then a resumed one: the rows equal an uninterrupted run from the same state.
  rm -f "$work"/run.* && cp "$work/learner.json" "$work/learner.start"
  run_job "$scheduler" >/dev/null 2>&1
  cp "$work/run.csv" "$work/uninterrupted.csv"
  rm -f "$work"/run.* "$work/launcher.pid" && cp "$work/learner.start" "$work/learner.json"
  run_job "$scheduler" >/dev/null 2>&1 &
  job=$!
  for _ in $(seq 1 200); do [[ -f "$work/run.ckpt" ]] && break; sleep 0.05; done
  sleep 0.3
  kill -TERM "$(cat "$work/launcher.pid")" 2>/dev/null
  wait "$job"
  grep -q '"complete":true' "$work/run.ckpt" && { echo "$scheduler: the run finished before the signal; resume not exercised" >&2; continue; }
  run_job "$scheduler" >/dev/null 2>&1 || fail "$scheduler: the resumed job failed"
  grep -q '"complete":true' "$work/run.ckpt" || fail "$scheduler: the resumed job did not finish"
  diff <(cut -d, -f1-7 "$work/uninterrupted.csv") <(cut -d, -f1-7 "$work/run.csv") >/dev/null ||
    fail "$scheduler: resumed rows differ from the uninterrupted run's"
  echo "$scheduler: two jobs learn on; interrupted + resumed = uninterrupted ($(grep -c '^[0-9]' "$work/run.csv") rows)"
done
