#!/usr/bin/env bash
# Media cipher throughput, Java (JMH MediaCipherBenchmark) and Baileys (tools/interop/bench-media.mjs) in one run,
# printed side by side in MB/s with the machine and date, then the upload throughput (MediaUploadDriver: client
# uploadMedia to the emulator's HTTPS media host, the emulator as its own JVM). docs/performance.md, "Media".
# Usage: benchmarks/run-media-benchmark.sh            (builds first; SKIP_BUILD=1 to reuse benchmarks.jar)
#        JMH_OPTS="-f 2 -wi 3 -i 5 -w 1s -r 2s" NODE_SECONDS=4 UPLOAD_SECONDS=20 benchmarks/run-media-benchmark.sh
#        UPLOAD_SECONDS=0 skips the upload part
set -euo pipefail
cd "$(dirname "$0")/.."
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 2 -i 4 -w 1s -r 2s"}
NODE_SECONDS=${NODE_SECONDS:-3}
UPLOAD_SECONDS=${UPLOAD_SECONDS:-10}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -o -pl whatsapp,emulator,benchmarks -am package -DskipTests
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  nproc: $(nproc)  cpu: $(lscpu | sed -n 's/^Model name: *//p')"
echo "java: $(java -version 2>&1 | head -1)  node: $(node --version)  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
java -jar benchmarks/target/benchmarks.jar 'MediaCipherBenchmark' $JMH_OPTS -rf json -rff "$out/jmh.json" >"$out/jmh.log"
tail -n 14 "$out/jmh.log"
(cd tools/interop && node bench-media.mjs --seconds "$NODE_SECONDS" --jmh "$out/jmh.json")
if [ "$UPLOAD_SECONDS" != 0 ]; then
  java -cp benchmarks/target/benchmarks.jar com.wagateway.benchmarks.media.MediaUploadDriver \
    --seconds "$UPLOAD_SECONDS" --dir "$out/upload"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
