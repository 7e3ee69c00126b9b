#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each, one after the
# other, and prints executions and crashes per target.
#   scripts/fuzz.sh SECONDS [TARGET...]
# Needs cargo-fuzz (`cargo install cargo-fuzz`); libFuzzer needs nightly
# flags, so the stable toolchain is used with RUSTC_BOOTSTRAP=1. Logs go to
# fuzz/logs/, crashes to fuzz/artifacts/<target>/. FUZZ_NO_BUILD=1 runs the
# binaries already built. See docs/FUZZING.md.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}
shift
all=(frontmatter markdown docfx include links site)
[ "$#" -gt 0 ] && targets=("$@") || targets=("${all[@]}")
export RUSTC_BOOTSTRAP=1
# One thread per target: the pipeline is parallel, the fuzzer need not be.
export RAYON_NUM_THREADS=1
[ -n "${FUZZ_NO_BUILD:-}" ] || cargo fuzz build -O >/dev/null
triple=$(rustc -vV | sed -n 's/^host: //p')
bash scripts/fuzz-seeds.sh >/dev/null
mkdir -p fuzz/logs
status=0
printf '%-12s %12s %8s %6s %s\n' target executions exec/s crash load
for t in "${targets[@]}"; do
  log="fuzz/logs/$t.log"
  mkdir -p "fuzz/artifacts/$t"
  # The binary itself, not `cargo fuzz run`: that would rebuild the
  # instrumented crate whenever a source file changed since the build.
  if "fuzz/target/$triple/release/$t" "fuzz/corpus/$t" \
      -max_total_time="$secs" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
      -artifact_prefix="fuzz/artifacts/$t/" -print_final_stats=1 >"$log" 2>&1; then
    crash=no
  else
    crash=YES
    status=1
  fi
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  printf '%-12s %12s %8s %6s %s\n' "$t" "${execs:-?}" "${rate:-?}" "$crash" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
exit "$status"
