#!/bin/sh
# cvmfs goals, each against a baseline measured in the same run (about 5 minutes):
#  - JMH: Repository.stat on one thread (goal >= 100,000/s); warm 4 KiB open+read vs the same
#    read from local disk (goal <= 2x, zero HTTP requests, printed per iteration)
#  - CvmfsGoals: heap per idle open repository, cold 20 MiB chunked read vs curl+SHA-1+inflate,
#    1,000 small files cold with 8 threads vs raw OkHttp GETs, failover latency of a refused proxy
# Build first: ./mvnw -B -o -q -Pbench -Djavadoc.skip=true -DskipTests package -pl benchmarks -am
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shared=${CERNVM_SHARED:-/work/shared}
jar="$here/../target/benchmarks.jar"
java -Dcernvm.shared="$shared" -jar "$jar" 'CatalogStatBenchmark|WarmReadBenchmark' -wi 3 -w 2 -i 5 -r 2 \
    | grep -E 'HTTP requests|^Benchmark|^(CatalogStat|WarmRead)Benchmark'
java -Dcernvm.shared="$shared" -cp "$jar" io.cernvm.benchmarks.CvmfsGoals "${ROUNDS:-5}"
