#!/usr/bin/env bash
# Shows that a change leaves the output as it was: builds the bundled example
# and each test fixture (and, with SAME_QUOTES=N, a generated corpus of N
# quotes, N=10000 for #21's promise) with the evalsite of revision BASE and
# with the working tree's,
# and compares every file written, the exit code and what was printed.
#
#   bench/same_output.sh [BASE]        BASE: a git revision (default: main)
#
#   SAME_QUOTES=10000                  also a corpus of this many quotes
#   SAME_PROFILE=release               build both in release (default: debug)
#
# BASE is exported with `git archive` (no worktree is made) and built in
# target/same-output, first seeded with hard links to target/<profile> so
# that only evalsite itself is compiled. Exit 0 when everything is the same,
# 1 with the differences otherwise.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
BASE="${1:-main}"
PROFILE="${SAME_PROFILE:-debug}"
QUOTES="${SAME_QUOTES:-}"
cd "$REPO"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

flag=()
[[ $PROFILE == release ]] && flag=(--release)

echo "== evalsite at $BASE ($(git rev-parse --short "$BASE"))"
mkdir "$WORK/base"
git archive "$BASE" | tar -x -C "$WORK/base"
BASE_TARGET="$REPO/target/same-output"
if [[ ! -d $BASE_TARGET/$PROFILE && -d $REPO/target/$PROFILE ]]; then
    mkdir -p "$BASE_TARGET"
    cp -al "$REPO/target/$PROFILE" "$BASE_TARGET/$PROFILE"
fi
cargo build "${flag[@]}" --quiet --bin evalsite \
    --manifest-path "$WORK/base/Cargo.toml" --target-dir "$BASE_TARGET"
cp "$BASE_TARGET/$PROFILE/evalsite" "$WORK/before"

echo "== evalsite of the working tree"
cargo build "${flag[@]}" --quiet --bin evalsite
cp "$REPO/target/$PROFILE/evalsite" "$WORK/after"

projects=()
mkdir -p "$WORK/example"
cp -r content private evalsite.yaml "$WORK/example/"
[[ -d themes ]] && cp -r themes "$WORK/example/"
projects+=("$WORK/example")
for fixture in tests/fixtures/*/; do
    name="fixture-$(basename "$fixture")"
    cp -r "$fixture" "$WORK/$name"
    projects+=("$WORK/$name")
done
if [[ -n $QUOTES ]]; then
    echo "== a corpus of $QUOTES quotes"
    cargo run "${flag[@]}" --quiet --example corpus -- \
        --out "$WORK/corpus" --quotes "$QUOTES" --identifiers 2000 --seed 1
    projects+=("$WORK/corpus")
fi

same=0
for project in "${projects[@]}"; do
    name="$(basename "$project")"
    for bin in before after; do
        set +e
        "$WORK/$bin" build --root "$project" --output "$WORK/$name-$bin" \
            >"$WORK/$name-$bin.out" 2>"$WORK/$name-$bin.err"
        echo "exit $?" >>"$WORK/$name-$bin.out"
        set -e
        # The output folder is named in the summary; nothing else may differ.
        sed -i "s|$WORK/$name-$bin|OUTPUT|g" "$WORK/$name-$bin.err"
    done
    files="$(find "$WORK/$name-after" -type f 2>/dev/null | wc -l)"
    if diff -r "$WORK/$name-before" "$WORK/$name-after" &&
        diff "$WORK/$name-before.out" "$WORK/$name-after.out" &&
        diff "$WORK/$name-before.err" "$WORK/$name-after.err"; then
        echo "$name: the same ($files files, exit code and messages)"
    else
        echo "$name: DIFFERENT (above)"
        same=1
    fi
done
exit $same
