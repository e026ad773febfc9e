#!/usr/bin/env bash
# JMH benchmarks of camelback.rsync next to the real rdiff (librsync) on the same input files.
# See bench/README.md, section "rsync micro-benchmarks". Usage: bench/jmh.sh --help
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)

SIZE_MIB=64
SEED=1
REPEATS=5
SCRATCH=${CAMELBACK_JMH_DIR:-/tmp/camelback-jmh}
BUILD_DIR=${CAMELBACK_BUILD_DIR:-$REPO_DIR/target}
ONLY=""
JMH_TIMING=(-f 1 -wi 2 -i 3 -w 2s -r 2s)

usage() {
  cat <<EOF
usage: bench/jmh.sh [options] [-- extra JMH arguments]
  --size MIB       size of the basis file in MiB (default 64)
  --seed S         seed of the generated data (default 1)
  --repeats N      timed rdiff runs per operation; the table shows the median (default 5)
  --only REGEX     JMH benchmark filter instead of camelback.rsync.bench (e.g. 'Delta')
  --scratch DIR    inputs and results (default /tmp/camelback-jmh, or \$CAMELBACK_JMH_DIR)
  --build-dir DIR  Maven build directory (default <repo>/target, or \$CAMELBACK_BUILD_DIR)
Arguments after -- go to JMH in place of the default timing options (-f 1 -wi 2 -i 3 -w 2s -r 2s).
EOF
}

die() { echo "jmh.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --size) SIZE_MIB=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --repeats) REPEATS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --scratch) SCRATCH=$2; shift 2 ;;
    --build-dir) BUILD_DIR=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; JMH_TIMING=("$@"); break ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
[[ $SIZE_MIB =~ ^[1-9][0-9]*$ ]] || die "--size wants a whole number of MiB, got '$SIZE_MIB'"
[[ $REPEATS =~ ^[1-9][0-9]*$ ]] || die "--repeats wants a positive number, got '$REPEATS'"
for tool in java mvn python3 rdiff; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done

INPUT="$SCRATCH/input-${SIZE_MIB}M-s$SEED"
OUT="$SCRATCH/run"
mkdir -p "$INPUT" "$OUT"
mkdir -p "$(dirname "$BUILD_DIR")"
BUILD_DIR=$(cd "$(dirname "$BUILD_DIR")" && pwd)/$(basename "$BUILD_DIR")

# 1. Test classes (JMH's annotation processor writes the benchmark harness at test-compile).
echo "== building test classes into $BUILD_DIR"
(cd "$REPO_DIR" && mvn -q -o -B test-compile -DbuildDir="$BUILD_DIR")
CP_FILE="$OUT/classpath.txt"
if ! (cd "$REPO_DIR" && mvn -q -o -B dependency:build-classpath -DbuildDir="$BUILD_DIR" \
        -Dmdep.outputFile="$CP_FILE" >/dev/null 2>&1); then
  echo "== dependency plugin not cached: resolving it once online"
  (cd "$REPO_DIR" && mvn -q -B dependency:build-classpath -DbuildDir="$BUILD_DIR" -Dmdep.outputFile="$CP_FILE")
fi
CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$CP_FILE")"

# 2. Inputs: same seed and size, same bytes. The stamp says a previous generation finished.
if [[ ! -f "$INPUT/done" ]]; then
  echo "== generating ${SIZE_MIB} MiB inputs in $INPUT"
  python3 - "$INPUT" "$SIZE_MIB" "$SEED" <<'PY'
import os, random, sys
out, size, seed = sys.argv[1], int(sys.argv[2]) << 20, int(sys.argv[3])
basis = random.Random(f"basis-{seed}").randbytes(size)
unrelated = random.Random(f"unrelated-{seed}").randbytes(size)
# One small edit per 256 KiB on average: overwrite, insert or delete 1-64 bytes at a random offset.
rng = random.Random(f"edits-{seed}")
pieces, at = [], 0
for pos in sorted(rng.sample(range(size - 64), max(1, size >> 18))):
    if pos < at:
        continue
    pieces.append(basis[at:pos])
    kind, n = rng.choice(("overwrite", "insert", "delete")), rng.randint(1, 64)
    if kind != "delete":
        pieces.append(rng.randbytes(n))
    at = pos if kind == "insert" else pos + n
pieces.append(basis[at:])
for name, data in (("basis.bin", basis), ("edited.bin", b"".join(pieces)), ("unrelated.bin", unrelated)):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
PY
  touch "$INPUT/done"
fi
size_of() { stat -c %s "$INPUT/$1"; }
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# 3. JMH. Each benchmark op handles one whole input file.
echo "== JMH (camelback.rsync)"
JSON="$OUT/jmh.json"
java -cp "$CP" org.openjdk.jmh.Main "${ONLY:-camelback.rsync.bench}" \
  "${JMH_TIMING[@]}" -p inputDir="$INPUT" -rf json -rff "$JSON" \
  | tee "$OUT/jmh.log"

# 4. rdiff on the same files. Untimed first runs write the signatures and deltas the later steps
#    need (and warm the page cache); the timed runs write to /dev/null.
echo "== rdiff ($(rdiff --version | head -1)), $REPEATS timed runs each"
RDIFF_TSV="$OUT/rdiff.tsv"
: > "$RDIFF_TSV"
time_rdiff() {  # label bytes rdiff-args...
  local label=$1 bytes=$2; shift 2
  local runs=()
  for ((r = 0; r < REPEATS; r++)); do
    runs+=("$( { TIMEFORMAT=%R; time rdiff -f "$@" >/dev/null 2>&1; } 2>&1 )")
  done
  printf '%s\t%s\t%s\n' "$label" "$bytes" "${runs[*]}" >> "$RDIFF_TSV"
  echo "  $label: ${runs[*]} s"
}
R="$OUT/rdiff"
mkdir -p "$R"
for b in 512 2048; do
  rdiff -f -H md4 -R rollsum -S 8 -b "$b" signature "$INPUT/basis.bin" "$R/sig-$b"
  time_rdiff "signature/$b" "$(size_of basis.bin)" -H md4 -R rollsum -S 8 -b "$b" \
    signature "$INPUT/basis.bin" /dev/null
done
for new in edited unrelated; do
  for b in 512 2048; do
    rdiff -f delta "$R/sig-$b" "$INPUT/$new.bin" "$R/delta-$new-$b"
    time_rdiff "delta/$new/$b" "$(size_of "$new.bin")" delta "$R/sig-$b" "$INPUT/$new.bin" /dev/null
  done
done
rdiff -f patch "$INPUT/basis.bin" "$R/delta-edited-2048" "$R/patched"
cmp -s "$R/patched" "$INPUT/edited.bin" || die "rdiff patch did not rebuild edited.bin: inputs are broken"
rm -f "$R/patched"
time_rdiff "patch/2048" "$(size_of edited.bin)" patch "$INPUT/basis.bin" "$R/delta-edited-2048" /dev/null

# 5. One table. MB = 10^6 bytes. JMH scores are ms per op; each op handles one whole file.
python3 - "$JSON" "$RDIFF_TSV" "$(size_of basis.bin)" "$(size_of edited.bin)" "$(size_of unrelated.bin)" \
  > "$OUT/table.md" <<'PY'
import json, statistics, sys
jmh_file, rdiff_file = sys.argv[1], sys.argv[2]
sizes = {"basis": int(sys.argv[3]), "edited": int(sys.argv[4]), "unrelated": int(sys.argv[5])}
rows = {}
for r in json.load(open(jmh_file)):
    bench, p = r["benchmark"].rsplit(".", 2)[1], r.get("params", {})
    m = r["primaryMetric"]
    if m["scoreUnit"] != "ms/op":
        sys.exit(f"unexpected JMH unit {m['scoreUnit']} for {r['benchmark']}: keep the default mode (avgt, ms)")
    if bench == "RollsumBenchmark":
        key, data = ("rollsum (rotate + digest per byte)", p["blockLength"]), "basis"
    elif bench == "SignatureBenchmark":
        key, data = ("signature", p["blockLength"]), "basis"
    elif bench == "DeltaBenchmark":
        key, data = (f"delta, {p['newData']}", p["blockLength"]), p["newData"]
    elif bench == "PatchBenchmark":
        key, data = ("patch (edited from basis)", p["blockLength"]), "edited"
    else:
        continue
    mbps = lambda ms: sizes[data] / 1e6 / (ms / 1e3)
    # Min-max of the measured iterations: with 3 of them, JMH's 99.9 % interval is too wide to read.
    its = [float(t) for fork in m["rawData"] for t in fork]
    rows[key] = {"jmh": mbps(float(m["score"])), "jmh_range": (mbps(max(its)), mbps(min(its)))}
names = {"signature": "signature", "delta/edited": "delta, edited", "delta/unrelated": "delta, unrelated",
         "patch": "patch (edited from basis)"}
for line in open(rdiff_file):
    label, size, times = line.rstrip("\n").split("\t")
    *op, block = label.split("/")
    times = [float(t) for t in times.split()]
    mb = int(size) / 1e6
    rows.setdefault((names["/".join(op)], block), {}).update(
        rdiff=mb / statistics.median(times), rdiff_range=(mb / max(times), mb / min(times)))
order = ["rollsum", "signature", "delta, edited", "delta, unrelated", "patch"]
rank = lambda k: ([i for i, o in enumerate(order) if k[0].startswith(o)][0], int(k[1]))
fmt = lambda v, r: f"{v:.0f} ({r[0]:.0f}–{r[1]:.0f})"
print("| operation | block | camelback MB/s (JMH mean, iterations min–max) | rdiff MB/s (median, min–max) | camelback / rdiff |")
print("|---|---:|---:|---:|---:|")
for key in sorted(rows, key=rank):
    row = rows[key]
    jmh = fmt(row["jmh"], row["jmh_range"]) if "jmh" in row else "—"
    rd = fmt(row["rdiff"], row["rdiff_range"]) if "rdiff" in row else "—"
    ratio = f"{row['jmh'] / row['rdiff']:.2f}×" if "jmh" in row and "rdiff" in row else "—"
    print(f"| {key[0]} | {key[1]} | {jmh} | {rd} | {ratio} |")
PY
{
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//');"
  echo "$(java -version 2>&1 | head -1); $(rdiff --version | head -1); inputs ${SIZE_MIB} MiB, seed $SEED;"
  echo "load average before / after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"
} >> "$OUT/table.md"
echo
cat "$OUT/table.md"
echo "(table: $OUT/table.md, JMH: $JSON, rdiff times: $RDIFF_TSV)"
