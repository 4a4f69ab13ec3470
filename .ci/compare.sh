#!/usr/bin/env bash
# Measures stance where a user waits, side by side with less and vim (when
# installed: apt-get install less vim-nox), as whole processes in a 120×40
# tmux pane: the first screen of articles from 10 KB to 20 MB, keys while
# scrolling, a search, re-opening an article edited since it was coded, and
# peak memory. .ci/compare/main.go says how; docs/performance.md has the
# figures.
# Usage: .ci/compare.sh [RUNS] [ONLY]   (default 5 runs; ONLY picks the rows
# whose name contains it). BEFORE=REV .ci/compare.sh measures stance as of
# git revision REV beside this one, in the same runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
only=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/stance" .
before=()
if [ -n "${BEFORE:-}" ]; then
  mkdir "$work/before-src"
  git archive "$BEFORE" | tar -x -C "$work/before-src"
  (cd "$work/before-src" && go build -o "$work/stance-before" .)
  before=(-before "$work/stance-before")
fi
go build -o "$work/compare" ./.ci/compare
go build -o "$work/workload" ./.ci/workload
"$work/workload" -size $((10 * 1024)) -o "$work/10KB.txt"
"$work/workload" -size $((5 * 1024 * 1024)) -o "$work/5MB.txt"
"$work/workload" -size $((5 * 1024 * 1024)) -notes 10000 -o "$work/5MB-10k.txt"
"$work/workload" -size $((20 * 1024 * 1024)) -o "$work/20MB.txt"
"$work/workload" -prose -size $((5 * 1024 * 1024)) -notes 10000 -edits 21 -o "$work/5MB-10k-edited.txt"
cp "$work/5MB-10k-edited.txt.stance.json" "$work/5MB-10k-edited.txt.stance.json.orig"
"$work/workload" -articles 1000 -size 8000 -notes 50 -o "$work/corpus"
"$work/workload" -articles 10000 -size 3000 -o "$work/library"
"$work/compare" -dir "$work" -stance "$work/stance" "${before[@]}" -runs "$runs" -only "$only"
