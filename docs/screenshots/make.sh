#!/usr/bin/env bash
# make.sh — regenerate the README screenshots from real runs of stance.
#
# Builds stance into a temporary folder, runs it in a detached tmux server of
# its own (120×36, truecolour), drives it from the keyboard to three states —
# the library, the seed article coded with actors, a claim and a position,
# and a tagging dialog — captures each screen with its colours
# (capture-pane -e) and renders it to SVG.
#
# The renderer is docs/screenshots/ansi2svg, a small Go program of this repo:
# it lays every cell on a fixed grid and keeps reverse video (the cursor and
# selections), bold, faint, underline styles and default-colour resets, which
# charmbracelet/freeze v0.2.2 drops; its SVGs embed no font (~25–60 KB each
# against freeze's ~380 KB). RENDERER=freeze renders with freeze instead, for
# comparison.
#
# Writes only docs/screenshots/{library,reader,dialog}.svg in the repo; the
# binaries, the article, its annotations, config and data folders and the
# .ansi captures live in a temporary folder removed on exit. Needs go, tmux.
#
#   docs/screenshots/make.sh            # all three SVGs
#   KEEP=1 docs/screenshots/make.sh     # keep the temp folder (.ansi files)
#   RENDERER=freeze docs/screenshots/make.sh
set -euo pipefail
trap 'echo "make.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
freeze_version=v0.2.2
cols=120
rows=36
sock=stance-shots
session=shots

renderer=${RENDERER:-ansi2svg}
if [[ $renderer != ansi2svg && $renderer != freeze ]]; then
	echo "make.sh: RENDERER is ansi2svg or freeze, not $renderer" >&2
	exit 2
fi

for tool in go tmux; do
	command -v "$tool" >/dev/null || { echo "make.sh: $tool is needed" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/stance-shots.XXXXXX")
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	if [[ -n "${KEEP:-}" ]]; then
		echo "make.sh: kept $work" >&2
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

# A server left over from an interrupted run would answer on our socket.
tmux -L "$sock" kill-server 2>/dev/null || true

echo "building stance" >&2
(cd "$repo" && go build -o "$work/bin/stance" .)
case $renderer in
ansi2svg)
	(cd "$repo" && go build -o "$work/bin/ansi2svg" ./docs/screenshots/ansi2svg)
	;;
freeze)
	echo "building freeze $freeze_version" >&2
	# Installed into the temp folder from outside the repo's module, so
	# go.mod and go.sum are not touched.
	(cd "$work" && GOBIN="$work/bin" go install "github.com/charmbracelet/freeze@$freeze_version")
	;;
esac

home="$work/home"
mkdir -p "$home/data" "$home/config" "$home/articles"
cp "$repo/samples/2025-08-15-alaska-summit.txt" "$home/articles/alaska.txt"

# ---- driving tmux -----------------------------------------------------------

# No user tmux.conf: the pictures must not depend on whoever runs this.
t() { tmux -L "$sock" -f /dev/null "$@"; }

# One server for all the runs, kept up between them (by default a server
# exits with its last session, and a new-session racing that exit fails).
# remain-on-exit keeps a pane whose stance ended, so that a crash shows.
t start-server \; set-option -g exit-empty off \; set-option -g remain-on-exit on

# start ARGS… — run stance in a fresh session, in a clean environment.
start() {
	t new-session -d -s "$session" -x "$cols" -y "$rows" -c "$home/articles" \
		env -i PATH="$PATH" HOME="$home" \
		XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
		TERM=xterm-256color COLORTERM=truecolor LANG=C.UTF-8 \
		"$work/bin/stance" "$@"
}

screen() { t capture-pane -p -t "$session"; }
dead() { [[ $(t display-message -p -t "$session" '#{pane_dead}') == 1 ]]; }

# fail MESSAGE — say what went wrong, with the screen as it is.
fail() {
	echo "make.sh: $1; the screen:" >&2
	screen >&2 || true
	exit 1
}

# shows TEXT — whether the screen shows TEXT now.
shows() {
	local now
	now=$(screen)
	[[ $now == *"$1"* ]]
}

# wait_for TEXT — poll the screen until it shows TEXT (10 s at most).
wait_for() {
	local i
	for ((i = 0; i < 200; i++)); do
		shows "$1" && return 0
		dead && fail "stance exited before showing \"$1\""
		sleep 0.05
	done
	fail "the screen never showed \"$1\""
}

# wait_gone TEXT — poll until TEXT has left the screen.
wait_gone() {
	local i
	for ((i = 0; i < 200; i++)); do
		shows "$1" || return 0
		sleep 0.05
	done
	fail "\"$1\" stayed on the screen"
}

# settle — wait until two captures 0.1 s apart agree: the last frame is in.
settle() {
	local i before after
	before=$(t capture-pane -p -e -t "$session")
	for ((i = 0; i < 50; i++)); do
		sleep 0.1
		after=$(t capture-pane -p -e -t "$session")
		[[ $after == "$before" ]] && return 0
		before=$after
	done
	fail "the screen never settled"
}

# quit — q, and wait for stance to end; then close its session.
quit() {
	local i
	keys q
	for ((i = 0; i < 200; i++)); do
		if dead; then
			t kill-session -t "$session"
			return 0
		fi
		sleep 0.05
	done
	fail "stance did not quit"
}

keys() { t send-keys -t "$session" "$@"; }       # tmux key names: Enter, Tab…
type_text() { t send-keys -t "$session" -l "$1"; } # literal text

# esc — Escape on its own: ESC quickly followed by a key reads as alt+key.
esc() {
	sleep 0.15
	keys Escape
	sleep 0.15
}

# search TEXT — / TEXT enter, and wait for the first match.
search() {
	keys /
	type_text "$1"
	keys Enter
	wait_for "match 1/"
}

# shoot NAME — capture the screen with colours and render NAME.svg.
shoot() {
	local name=$1
	settle
	t capture-pane -p -e -t "$session" >"$work/$name.ansi"
	if [[ $renderer == freeze ]]; then
		"$work/bin/freeze" --language ansi --window=false \
			--background "#1c1c24" --padding 16 --margin 0 --border.radius 8 \
			--output "$work/$name.svg" "$work/$name.ansi" >/dev/null
	else
		"$work/bin/ansi2svg" -cols "$cols" -rows "$rows" \
			-o "$work/$name.svg" "$work/$name.ansi"
	fi
	cp "$work/$name.svg" "$here/$name.svg"
	echo "wrote docs/screenshots/$name.svg" >&2
}

# ---- 1. the library -----------------------------------------------------------

echo "library" >&2
start
wait_for "Library"
wait_for "No Breakthrough Despite"
# The cursor on the seed article, the one the next pictures code.
selected() { local row; row=$(screen | grep -F '▸' || true); [[ $row == *"No Breakthrough"* ]]; }
for ((i = 0; i < 20; i++)); do
	selected && break
	keys j
	sleep 0.1
done
selected || fail "could not put the cursor on the seed article"
shoot library
quit

# ---- 2. the article, coded ----------------------------------------------------

echo "reader" >&2
start alaska.txt
wait_for "On Friday"
wait_for "alaska.txt.stance.json"

# Two actors, found by search and tagged with a.
for actor in "Vladimir Putin" "Donald Trump"; do
	search "$actor"
	keys a
	wait_for "Tag actor"
	keys Enter
	wait_for "tagged actor $actor"
	esc # clear the search
done

# A claim with its speaker, and the speaker's position on it.
search "There's no deal until there's a deal"
keys c
wait_for "Tag claim"
keys Tab
type_text "Donald Trump"
keys Enter
wait_for "tagged claim"
keys p
wait_for "Record position"
keys 1 Enter
wait_for "recorded position: Donald Trump support"
wait_for "1 position"
esc
shoot reader

# ---- 3. a tagging dialog ------------------------------------------------------

echo "dialog" >&2
search "Zelenskyy"
keys a
wait_for "Tag actor"
shoot dialog
esc
wait_gone "Tag actor"
quit
