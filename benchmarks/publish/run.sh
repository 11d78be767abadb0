#!/bin/sh
# Publishing vs tar czf of the same tree, in one run (several minutes at the default 1 GiB):
# 10,000 small files, then large files. Prints the medians and the ratio tar/publish.
# Build first: ./mvnw -B -o -q -Pbench -Djavadoc.skip=true -DskipTests package -pl benchmarks -am
# Arguments: rounds (default 3), large tree in MiB (default 1024; 0 runs the small tree only),
# and "keep" to leave the outputs under $TMPDIR (default /tmp) instead of deleting them: on ext4
# without a journal, deleting tens of thousands of files slows file creation nearby for minutes,
# so back-to-back runs would otherwise measure each other's clean-up. One core: taskset -c 0 run.sh …
set -eu
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/../target/benchmarks.jar"
exec java -Djava.io.tmpdir="${TMPDIR:-/tmp}" -cp "$jar" io.cernvm.benchmarks.publish.PublishVersusTar "${1:-3}" "${2:-1024}" ${3:+"$3"}
