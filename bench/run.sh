#!/usr/bin/env bash
# Side-by-side benchmark: camelback vs duplicity 0.8.22 (and restic / borg when installed).
# See bench/README.md. Usage: bench/run.sh --help
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)

SIZE=1G
SMALL_FILES=0
ONLY=""
SKIP_GEN=0
SCRATCH=${CAMELBACK_BENCH_DIR:-/tmp/camelback-bench}
SEED=1
FRACTION=0.01
DROP_CACHES=0
CAMELBACK=${CAMELBACK:-$REPO_DIR/bin/camelback}
# DESIGN.md spells the single-file option --file, the benchmark contract --file-to-restore.
CAMELBACK_FILE_OPT=${CAMELBACK_FILE_OPT:---file-to-restore}
export CAMELBACK_OPTS=${CAMELBACK_OPTS:--Xmx256m}
PASSPHRASE_VALUE=bench-passphrase

usage() {
  cat <<EOF
usage: bench/run.sh [options]
  --size SIZE          dataset size for the mixed tree (default 1G; e.g. 50M, 10G)
  --small-files [N]    use N files of 1-4 KiB instead (default N=200000)
  --only TOOLS         comma-separated subset of: camelback, camelback-daemon, duplicity, restic, borg
  --skip-gen           reuse the pristine dataset from an earlier run (fails if absent)
  --scratch DIR        work directory (default /tmp/camelback-bench, or \$CAMELBACK_BENCH_DIR)
  --seed S             dataset seed (default 1)
  --fraction F         share of files changed before the incremental (default 0.01)
  --drop-caches        drop the page cache before every timed step (needs root)
  --camelback PATH     camelback launcher (default: \$CAMELBACK or <repo>/bin/camelback)
Environment: CAMELBACK_OPTS (default -Xmx256m), CAMELBACK_FILE_OPT (default --file-to-restore).
EOF
}

die() { echo "run.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --size) SIZE=${2:?--size needs a value}; shift 2 ;;
    --small-files)
      if [[ ${2:-} =~ ^[0-9]+$ ]]; then SMALL_FILES=$2; shift 2; else SMALL_FILES=200000; shift; fi ;;
    --only) ONLY=${2:?--only needs a value}; shift 2 ;;
    --skip-gen) SKIP_GEN=1; shift ;;
    --scratch) SCRATCH=${2:?--scratch needs a value}; shift 2 ;;
    --seed) SEED=${2:?--seed needs a value}; shift 2 ;;
    --fraction) FRACTION=${2:?--fraction needs a value}; shift 2 ;;
    --drop-caches) DROP_CACHES=1; shift ;;
    --camelback) CAMELBACK=${2:?--camelback needs a value}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

# ---------------------------------------------------------------------------------------------
# Preflight

[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing: apt-get install -y time"
command -v python3 >/dev/null || die "python3 is missing"
command -v gpg >/dev/null || die "gpg is missing: apt-get install -y gnupg"

TOOLS=()
if [[ -n $ONLY ]]; then
  IFS=, read -r -a TOOLS <<<"$ONLY"
  for t in "${TOOLS[@]}"; do
    case $t in camelback|camelback-daemon|duplicity|restic|borg) ;; *) die "--only: unknown tool '$t'" ;; esac
  done
else
  TOOLS=(camelback camelback-daemon duplicity)
  command -v restic >/dev/null && TOOLS+=(restic) || echo "run.sh: restic not installed, skipping it"
  command -v borg >/dev/null && TOOLS+=(borg) || echo "run.sh: borg not installed, skipping it"
fi
for t in "${TOOLS[@]}"; do
  case $t in
    duplicity|restic|borg) command -v "$t" >/dev/null || die "$t is not installed" ;;
  esac
done

if [[ $SMALL_FILES -gt 0 ]]; then
  LABEL="small$SMALL_FILES-s$SEED"
  GEN_ARGS=(--small-files "$SMALL_FILES" --seed "$SEED")
else
  LABEL="$SIZE-s$SEED"
  GEN_ARGS=(--size "$SIZE" --seed "$SEED")
fi

mkdir -p "$SCRATCH"
SCRATCH=$(cd "$SCRATCH" && pwd)
PRISTINE=$SCRATCH/data/$LABEL       # generated once, never modified
TREE=$SCRATCH/tree                  # every tool backs up this exact path
RUN=$SCRATCH/run                    # per-tool targets, caches, restores, logs
RESULTS=$RUN/results.tsv
MUTATE_LOG=$RUN/mutate.jsonl

# ---------------------------------------------------------------------------------------------
# Dataset

if [[ $SKIP_GEN -eq 1 ]]; then
  [[ -d $PRISTINE ]] || die "--skip-gen: no dataset at $PRISTINE; run once without --skip-gen"
  echo "run.sh: reusing dataset $PRISTINE"
elif [[ -d $PRISTINE ]]; then
  echo "run.sh: dataset $PRISTINE already exists (deterministic), reusing it"
else
  echo "run.sh: generating dataset ($LABEL) into $PRISTINE"
  rm -rf "$PRISTINE.partial"
  mkdir -p "$SCRATCH/data"
  /usr/bin/time -f 'gen: %e s wall, %U s user, %S s sys' python3 "$BENCH_DIR/gen.py" \
    --out "$PRISTINE.partial" "${GEN_ARGS[@]}"
  mv "$PRISTINE.partial" "$PRISTINE"
fi

rm -rf "$RUN" "$TREE"
# ext4 skips inodes freed in the last half minute (five and a half while their inode table block is
# dirty) as long as that block is cached, so the first restore after deleting the last run's trees
# pays many times the kernel time (measured: a 200,000-file restore 62 s instead of 8.5 s); writing
# the blocks back and dropping them ends that for every tool alike.
sync
echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || echo "run.sh: cannot drop caches (not root?); restores right after deleting big trees are slow" >&2
mkdir -p "$RUN"
cp -a "$PRISTINE" "$TREE"
: >"$RESULTS"
echo "run.sh: tree $TREE ($(du -sh "$TREE" | cut -f1), $(find "$TREE" -type f | wc -l) files); logs in $RUN"

# ---------------------------------------------------------------------------------------------
# Keys: one throwaway RSA key pair, used by duplicity from a temp GNUPGHOME and by camelback as
# armored files.

export GNUPGHOME=$RUN/gnupg
mkdir -m 700 -p "$GNUPGHOME"
stop_agents() {  # gpg-agents started for this run's key rings (the stand-in keeps its own)
  local home
  while IFS= read -r home; do
    GNUPGHOME=$(dirname "$home") gpgconf --kill gpg-agent 2>/dev/null || true
  done < <(find "$RUN" -name pubring.kbx 2>/dev/null)
}
trap 'stop_daemon; stop_agents' EXIT
gpg --batch --quiet --gen-key 2>"$RUN/gpg-keygen.log" <<EOF
Key-Type: RSA
Key-Length: 3072
Key-Usage: sign
Subkey-Type: RSA
Subkey-Length: 3072
Subkey-Usage: encrypt
Name-Real: camelback bench
Name-Email: bench@camelback.invalid
Expire-Date: 0
Passphrase: $PASSPHRASE_VALUE
%commit
EOF
FPR=$(gpg --batch --with-colons --list-keys 2>/dev/null | awk -F: '/^fpr/ {print $10; exit}')
[[ -n $FPR ]] || die "gpg key generation failed; see $RUN/gpg-keygen.log"
gpg --batch --armor --export "$FPR" >"$RUN/pub.asc"
gpg --batch --pinentry-mode loopback --passphrase "$PASSPHRASE_VALUE" --armor \
  --export-secret-keys "$FPR" >"$RUN/sec.asc"
chmod 600 "$RUN/sec.asc"

# ---------------------------------------------------------------------------------------------
tool_dir() { echo "$RUN/$1"; }

# Per-tool commands: cmd_TOOL OP D [DEST [RELPATH]] sets CMD to the argv to time. D is the tool's
# work dir.

cmd_duplicity() {
  local op=$1 D=$2; shift 2
  local o=(--encrypt-key "$FPR" --gpg-options "--trust-model always" --archive-dir "$D/cache"
           --name bench --volsize 200)
  case $op in
    full) CMD=(duplicity full "${o[@]}" "$TREE" "file://$D/target") ;;
    incr) CMD=(duplicity incremental "${o[@]}" "$TREE" "file://$D/target") ;;
    restore) CMD=(duplicity restore "${o[@]}" "file://$D/target" "$1") ;;
    restore-file) CMD=(duplicity restore "${o[@]}" --file-to-restore "$2" "file://$D/target"
                       "$1/$(basename "$2")") ;;
  esac
}

cmd_camelback() {
  local op=$1 D=$2; shift 2
  local c=("$CAMELBACK" --config "$D/bench.properties")
  case $op in
    full) CMD=("${c[@]}" backup bench --full) ;;
    incr) CMD=("${c[@]}" backup bench) ;;
    restore) CMD=("${c[@]}" restore bench "$1" --secret-key "$RUN/sec.asc") ;;
    restore-file) CMD=("${c[@]}" restore bench "$1/$(basename "$2")" "$CAMELBACK_FILE_OPT" "$2"
                       --secret-key "$RUN/sec.asc") ;;
  esac
}

# The daemon's runs: `camelback run` is started once, untimed, in setup_tool (as an operator leaves it
# running), and each timed step drops a file that bench/trigger.camel.yaml's route turns into a run of the
# job; daemon-step.py waits for the run's report and writes the step's time file itself (wall time from
# the drop to the report, the daemon's CPU meanwhile, its peak RSS). The first run finds no chain and
# makes the full backup; the second, a day later for an operator, is the incremental, in a JVM that
# the first run has warmed.
cmd_camelback-daemon() {
  local op=$1 D=$2
  case $op in
    full|incr) CMD=(python3 "$BENCH_DIR/daemon-step.py" --pid "$(cat "$D/daemon.pid")" --log "$D/daemon.log"
                    --trigger "$D/trigger" --job bench --time-file "$D/$op.time") ;;
  esac
}

daemon_chain_equal() {  # D: the daemon has no restore rows, so its chain is restored (untimed) and compared here
  local D=$1
  rm -rf "$D/check"
  cmd_camelback restore "$D" "$D/check"
  ( tool_env camelback-daemon "$D"; "${CMD[@]}" ) >"$D/check.log" 2>&1 </dev/null \
    && python3 "$BENCH_DIR/compare.py" "$TREE" "$D/check" >"$D/check.compare" 2>&1
  # kept until the restores are done: deleted here, seconds before them, its 6,000 freed inodes would be skipped
  # by ext4 when the first restore (camelback's) allocates (see the comment at the top)
}

stop_daemon() {
  local pidfile=$RUN/camelback-daemon/daemon.pid pid
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null && while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$pidfile"
}

cmd_restic() {
  local op=$1 D=$2; shift 2
  local r=(restic --repo "$D/target" --cache-dir "$D/cache")
  case $op in
    full|incr) CMD=("${r[@]}" backup --host bench "$TREE") ;;
    restore) CMD=("${r[@]}" restore latest --host bench --target "$1") ;;
    restore-file) CMD=("${r[@]}" restore latest --host bench --target "$1" --include "$TREE/$2") ;;
  esac
}

cmd_borg() {
  local op=$1 D=$2; shift 2
  case $op in
    full) CMD=(borg create --compression lz4 "$D/target::full" "$TREE") ;;
    incr) CMD=(borg create --compression lz4 "$D/target::incr" "$TREE") ;;
    restore) CMD=(env -C "$1" borg extract "$D/target::incr") ;;
    restore-file) CMD=(env -C "$1" borg extract "$D/target::incr" "${TREE#/}/$2") ;;
  esac
}

# Untimed per-tool set-up. Returns non-zero with a message on stdout when the tool cannot run.
setup_tool() {
  local t=$1 D
  D=$(tool_dir "$t")
  mkdir -p "$D/cache" "$D/tmp"
  tool_env "$t" "$D"
  case $t in
    camelback|camelback-daemon)
      cat >"$D/bench.properties" <<EOF
camelback.job.bench.source=$TREE
camelback.job.bench.target=file://$D/target
camelback.job.bench.encryption=public-key
camelback.job.bench.public-key=$RUN/pub.asc
camelback.job.bench.archive-dir=$D/cache
camelback.job.bench.volsize=200
EOF
      if [[ ! -x $CAMELBACK ]]; then
        echo "camelback launcher not found or not executable: $CAMELBACK"
        return 1
      fi
      # Warm-up outside the timings: the launcher builds the jar when it is missing.
      "$CAMELBACK" --help >"$D/warmup.log" 2>&1 || true
      [[ $t == camelback-daemon ]] && start_daemon "$D"
      ;;
    restic)
      restic --repo "$D/target" --cache-dir "$D/cache" init >"$D/init.log" 2>&1 \
        || { echo "restic init failed, see $D/init.log"; return 1; }
      ;;
    borg)
      borg init -e repokey "$D/target" >"$D/init.log" 2>&1 \
        || { echo "borg init failed, see $D/init.log"; return 1; }
      ;;
  esac
}

start_daemon() {  # D: the shipped routes plus the trigger route, then `camelback run` in the background
  local D=$1 i
  mkdir -p "$D/trigger"
  sed "s|@TRIGGER@|$D/trigger|" "$BENCH_DIR/trigger.camel.yaml" >"$D/trigger.camel.yaml"
  echo "camel.main.routesIncludePattern=file:$REPO_DIR/routes/*.camel.yaml,file:$D/trigger.camel.yaml" >>"$D/bench.properties"
  "$CAMELBACK" --config "$D/bench.properties" run >"$D/daemon.log" 2>&1 </dev/null &
  echo $! >"$D/daemon.pid"
  for ((i = 0; i < 600; i++)); do
    grep -q 'camelback daemon started' "$D/daemon.log" && return 0
    kill -0 "$(cat "$D/daemon.pid")" 2>/dev/null || break
    sleep 0.1
  done
  echo "the daemon did not start; see $D/daemon.log"
  return 1
}

# Per-tool environment, applied in a subshell around each command.
tool_env() {
  local t=$1 D=$2
  export TMPDIR=$D/tmp PASSPHRASE=$PASSPHRASE_VALUE
  case $t in
    restic) export RESTIC_PASSWORD=$PASSPHRASE_VALUE ;;
    borg) export BORG_PASSPHRASE=$PASSPHRASE_VALUE BORG_BASE_DIR=$D/cache BORG_RELOCATED_REPO_ACCESS_IS_OK=yes ;;
  esac
}

# Where a restore of the whole tree / of one file ends up, per tool.
restored_tree() {
  case $1 in
    restic|borg) echo "$2$TREE" ;;
    *) echo "$2" ;;
  esac
}
restored_file() {  # tool, dest dir, relative path
  local cand
  case $1 in
    restic|borg) echo "$2$TREE/$3"; return ;;
  esac
  cand="$2/$(basename "$3")"
  if [[ -d $cand && ! -L $cand ]]; then
    # Accept a DEST-is-a-directory interpretation too (path kept relative, or basename only).
    for c in "$cand/$3" "$cand/$(basename "$3")"; do
      [[ -e $c || -L $c ]] && { echo "$c"; return; }
    done
  fi
  echo "$cand"
}

# ---------------------------------------------------------------------------------------------
# Measurement

declare -A SETUP_FAILED=()  # tool -> why it cannot run at all (reported on its first step)
declare -A BROKEN=()        # tool -> why its later steps are skipped

record() {  # op tool status wall cpu rss_kb dest_bytes cache_bytes note
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RESULTS"
}

last_error() {
  local line
  line=$(grep -v '^[[:space:]]*$' "$1" 2>/dev/null | tail -n 1 | cut -c1-100 | tr '|\t' '/ ')
  echo "${line:-no output}"
}

run_step() {  # op tool
  local op=$1 t=$2 D log tf rc dest ref out
  D=$(tool_dir "$t")
  log=$D/$op.log
  tf=$D/$op.time
  if [[ -n ${SETUP_FAILED[$t]:-} ]]; then
    echo "  $t $op: FAILED (${SETUP_FAILED[$t]})"
    record "$op" "$t" FAILED - - - - - "${SETUP_FAILED[$t]}"
    unset "SETUP_FAILED[$t]"
    BROKEN[$t]="$t could not run"
    return
  fi
  if [[ -n ${BROKEN[$t]:-} ]]; then
    echo "  $t $op: SKIPPED (${BROKEN[$t]})"
    record "$op" "$t" SKIPPED - - - - - "${BROKEN[$t]}"
    return
  fi
  local args=()
  case $op in
    restore) dest=$D/restore; rm -rf "$dest"; mkdir -p "$dest"; args=("$dest") ;;
    restore-file) dest=$D/restore-file; rm -rf "$dest"; mkdir -p "$dest"; args=("$dest" "$SINGLE_FILE") ;;
  esac
  sync
  if [[ $DROP_CACHES -eq 1 ]]; then
    echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || echo "run.sh: cannot drop caches (not root?)" >&2
  fi
  echo "  $t $op ..."
  set +e
  CMD=()
  "cmd_$t" "$op" "$D" "${args[@]}"
  (
    tool_env "$t" "$D"
    if [[ $t == camelback-daemon ]]; then
      "${CMD[@]}"  # writes $tf itself: the time is the daemon's, not the waiting script's
    else
      /usr/bin/time -f '%e %U %S %M' -o "$tf" -- "${CMD[@]}"
    fi
  ) >"$log" 2>&1 </dev/null
  rc=$?
  set -e
  if [[ $rc -ne 0 ]]; then
    local why="exit $rc: $(last_error "$log")"
    echo "  $t $op: FAILED ($why) - log: $log"
    record "$op" "$t" FAILED - - - - - "$why"
    [[ $op == full ]] && BROKEN[$t]="full backup failed"
    [[ $op == incr ]] && BROKEN[$t]="incremental failed"
    return
  fi
  local wall user sys rss
  read -r wall user sys rss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$tf" | tail -n 1)
  local cpu
  cpu=$(python3 -c "print(f'{$user + $sys:.2f}')")
  local dest_bytes=- cache_bytes=-
  case $op in
    full|incr)
      dest_bytes=$(du -sb "$D/target" | cut -f1)
      cache_bytes=$(du -sb "$D/cache" | cut -f1)
      if [[ $t == camelback-daemon && $op == incr ]] && ! daemon_chain_equal "$D"; then
        local why="restore of the daemon's chain differs from source: $(head -n 1 "$D/check.compare" | cut -c1-80)"
        echo "  $t $op: FAILED ($why) - details: $D/check.compare"
        record "$op" "$t" FAILED - - - - - "$why"
        return
      fi
      ;;
    restore)
      out=$(restored_tree "$t" "$dest")
      if ! python3 "$BENCH_DIR/compare.py" "$TREE" "$out" >"$D/$op.compare" 2>&1; then
        local why="restore differs from source: $(head -n 1 "$D/$op.compare" | cut -c1-80)"
        echo "  $t $op: FAILED ($why) - details: $D/$op.compare"
        record "$op" "$t" FAILED - - - - - "$why"
        return
      fi
      ;;
    restore-file)
      ref=$TREE/$SINGLE_FILE
      out=$(restored_file "$t" "$dest" "$SINGLE_FILE")
      if ! python3 "$BENCH_DIR/compare.py" "$ref" "$out" >"$D/$op.compare" 2>&1; then
        local why="restored file differs: $(head -n 1 "$D/$op.compare" | cut -c1-80)"
        echo "  $t $op: FAILED ($why) - details: $D/$op.compare"
        record "$op" "$t" FAILED - - - - - "$why"
        return
      fi
      ;;
  esac
  echo "  $t $op: ${wall}s wall, ${cpu}s cpu, $((rss / 1024)) MiB rss"
  record "$op" "$t" OK "$wall" "$cpu" "$rss" "$dest_bytes" "$cache_bytes" ""
}

# ---------------------------------------------------------------------------------------------
# The run: each step for every tool in turn, so the tools see the same tree and similar caches.

echo "run.sh: tools: ${TOOLS[*]}"
for t in "${TOOLS[@]}"; do
  if ! reason=$(setup_tool "$t"); then
    echo "run.sh: $t: $reason"
    SETUP_FAILED[$t]=$reason
  fi
done

echo "run.sh: full backup"
for t in "${TOOLS[@]}"; do run_step full "$t"; done

echo "run.sh: mutate ($FRACTION of the files)"
python3 "$BENCH_DIR/gen.py" mutate --dir "$TREE" --fraction "$FRACTION" --seed "$SEED" --log "$MUTATE_LOG"
# The single-file restore takes the largest file changed in the middle: it needs the full plus
# the incremental's delta.
SINGLE_FILE=$(python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    if e["op"] == "middle":
        print(e["path"]); break
' "$MUTATE_LOG")
[[ -n $SINGLE_FILE ]] || die "mutate changed no file in the middle; cannot pick a single file"
echo "run.sh: single-file restore will use: $SINGLE_FILE ($(stat -c %s "$TREE/$SINGLE_FILE") bytes)"

echo "run.sh: incremental backup"
for t in "${TOOLS[@]}"; do run_step incr "$t"; done
stop_daemon
# Restores are commands an operator runs, not scheduled runs: the daemon has no restore rows.
RESTORE_TOOLS=()
for t in "${TOOLS[@]}"; do [[ $t == camelback-daemon ]] || RESTORE_TOOLS+=("$t"); done
echo "run.sh: restore latest"
for t in "${RESTORE_TOOLS[@]}"; do run_step restore "$t"; done
echo "run.sh: restore one file"
for t in "${RESTORE_TOOLS[@]}"; do run_step restore-file "$t"; done
rm -rf "$RUN/camelback-daemon/check"

# ---------------------------------------------------------------------------------------------
# Report

TABLE=$RUN/results.md
python3 - "$RESULTS" "$LABEL" "$TREE" >"$TABLE" <<'PY'
import sys
rows = [(l.rstrip("\n").split("\t") + [""] * 9)[:9]
        for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
ops = {"full": "full backup", "incr": "incremental", "restore": "restore latest",
       "restore-file": "restore 1 file"}
ok = {(r[0], r[1]): r for r in rows if r[2] == "OK"}

def mib(v):
    return "%.1f" % (int(v) / 1048576)

def ratio(v, b):
    try:
        return "%.2f×" % (float(v) / float(b)) if float(b) > 0 else "—"
    except (ValueError, TypeError):
        return "—"

def dest_bytes(op, tool):
    """Target size after a full; what the incremental added after an incremental."""
    r = ok.get((op, tool))
    if r is None or r[6] == "-":
        return None
    if op == "incr":
        f = ok.get(("full", tool))
        return int(r[6]) - int(f[6]) if f else None
    return int(r[6])

print("Dataset `%s`, tree `%s`. Ratios are tool ÷ duplicity (lower is better)." % tuple(sys.argv[2:4]))
print("dest MiB: target size after the step (incremental: total, then what it added); "
      "dest × compares the full's size, or the increments.\n")
print("| operation | tool | wall s | CPU s | peak RSS MiB | dest MiB | cache MiB | wall × | CPU × | RSS × | dest × |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for op in ops:
    for op_, tool, status, wall, cpu, rss, dest, cache, note in rows:
        if op_ != op:
            continue
        if status != "OK":
            print("| %s | %s | **%s**: %s | | | | | | | | |" % (ops[op], tool, status, note))
            continue
        d = dest_bytes(op, tool)
        dest_cell = "—" if dest == "-" else mib(dest)
        if op == "incr" and d is not None:
            dest_cell += " (+%s)" % mib(d)
        cells = [ops[op], tool, wall, cpu, "%.0f" % (int(rss) / 1024), dest_cell,
                 "—" if cache == "-" else mib(cache)]
        b = ok.get((op, "duplicity"))
        if b and tool != "duplicity":
            bd = dest_bytes(op, "duplicity")
            cells += [ratio(wall, b[3]), ratio(cpu, b[4]), ratio(rss, b[5]),
                      ratio(d, bd) if d is not None and bd is not None else "—"]
        else:
            cells += ["—"] * 4
        print("| " + " | ".join(cells) + " |")
PY
echo
cat "$TABLE"
echo
echo "run.sh: table saved to $TABLE; raw rows in $RESULTS; logs in $RUN/<tool>/"
