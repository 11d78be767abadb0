#!/bin/sh
# User data: one warm JVM (JMH) vs one long-lived cloud-init process over the same corpus,
# back to back in the same run; prints both throughputs and the ratio (goal: >= 20).
# Build first: ./mvnw -B -o -q -Pbench -Djavadoc.skip=true -DskipTests package -pl benchmarks -am
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shared=${CERNVM_SHARED:-/work/shared}
corpus="$shared/fixtures/userdata/cloud-init"
jar="$here/../target/benchmarks.jar"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

py=$(/usr/bin/python3 "$here/cloudinit_driver.py" "$corpus" "${PY_WARMUP_SECONDS:-5}" "${PY_MEASURE_SECONDS:-10}")
echo "cloud-init 22.4.2 (python3): $py"

# the JIT needs ~10 s of warm-up on this shared 2-core machine before the score settles
java -Dcernvm.shared="$shared" -jar "$jar" UserDataCorpusBenchmark -wi 5 -w 3 -i 5 -r 2 -rf json -rff "$out/jmh.json" >"$out/jmh.log" 2>&1 \
    || { cat "$out/jmh.log"; exit 1; }
files=$(echo "$py" | sed -n 's/.*files=\([0-9]*\).*/\1/p')
ops=$(/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]["primaryMetric"]; print("%f %f" % (r["score"], r["scoreError"]))' "$out/jmh.json")
echo "java (JMH, 5x3 s warm-up, 5x2 s measured): corpora/s=${ops% *} (+- ${ops#* }) files=$files"
/usr/bin/python3 - "$py" "${ops% *}" "$files" <<'PY'
import sys
py = dict(kv.split("=") for kv in sys.argv[1].split())
java_files = float(sys.argv[2]) * int(sys.argv[3])
base = float(py["files_per_second"])
ratio = java_files / base
print("java files/s=%.1f  cloud-init files/s=%.1f  ratio=%.1fx  goal>=20x: %s"
      % (java_files, base, ratio, "met" if ratio >= 20 else "NOT met"))
PY
