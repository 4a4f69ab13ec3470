#!/usr/bin/env bash
# Opens the same 500 KB and 5 MB articles in stance and in less (and glow,
# when it is on PATH), in a 120×40 tmux terminal, and prints one table: time
# from start to the first screen showing the article, and peak memory (RSS).
# Usage: .ci/compare.sh [RUNS]   (default 5; the median is reported)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=$(mktemp -d)
trap 'tmux -L stance-bench kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

go build -o "$work/stance" .
go run ./.ci/workload -size $((500 * 1024)) -o "$work/500KB.txt"
go run ./.ci/workload -size $((5 * 1024 * 1024)) -o "$work/5MB.txt"
go run ./.ci/workload -size $((5 * 1024 * 1024)) -notes 10000 -o "$work/5MB-10k.txt"

now_ms() { date +%s%3N; }

# measure PROG FILE: prints "first-screen-ms rss-kb" for one run.
measure() {
  local prog=$1 file=$2 marker=Workload
  local tfile="$work/time.$RANDOM"
  tmux -L stance-bench kill-server 2>/dev/null || true
  local start; start=$(now_ms)
  tmux -L stance-bench new-session -d -x 120 -y 40 -c "$work" \
    "env HOME=$work XDG_DATA_HOME=$work/data TERM=xterm-256color /usr/bin/time -v -o $tfile $prog $file"
  local shown=""
  for _ in $(seq 1 2000); do
    if tmux -L stance-bench capture-pane -p 2>/dev/null | grep -q "$marker"; then
      shown=$(( $(now_ms) - start )); break
    fi
    sleep 0.005
  done
  tmux -L stance-bench send-keys q 2>/dev/null || true
  for _ in $(seq 1 400); do [ -s "$tfile" ] && break; sleep 0.01; done
  local rss; rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tfile")
  echo "${shown:-timeout} ${rss:-?}"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

progs=("$work/stance" "less")
command -v glow >/dev/null && progs+=("glow -p")

printf '%-8s %-8s %18s %14s\n' program file "first screen (ms)" "peak RSS (MB)"
for prog in "${progs[@]}"; do
  files=(500KB 5MB)
  [ "$prog" = "$work/stance" ] && files+=(5MB-10k) # the coding matters only to stance
  for f in "${files[@]}"; do
    times=(); rsss=()
    for _ in $(seq 1 "$runs"); do
      read -r t r < <(measure "$prog" "$f.txt")
      times+=("$t"); rsss+=("$r")
    done
    t=$(printf '%s\n' "${times[@]}" | median)
    r=$(printf '%s\n' "${rsss[@]}" | median)
    printf '%-8s %-8s %18s %14.1f\n' "$(basename "${prog%% *}")" "$f" "$t" "$(echo "$r / 1024" | bc -l)"
  done
done
echo "machine: $(nproc) cores, $(uname -sr), $(date -u +%Y-%m-%d)"
