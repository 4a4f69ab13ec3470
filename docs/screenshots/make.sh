#!/usr/bin/env bash
# make.sh — regenerate the README screenshots and demo from real runs of stance.
#
# Builds stance into a temporary folder, runs it in a detached tmux server of
# its own (120×36, truecolour), drives it from the keyboard, captures the
# screen with its colours (capture-pane -e) and renders it to SVG:
#
#   stills  three pictures — the library, the seed article coded with actors,
#           a claim and a position, and a tagging dialog;
#   demo    one animated picture of a short session, from the shell prompt:
#           the library, the seed article opened, a search typed, an actor
#           tagged, a claim with its speaker, a position, the annotation
#           list, the help, and quitting. A frame is captured after every
#           step, once the screen shows what the step should show, and a few
#           while text is typed.
#
# The renderer is docs/screenshots/ansi2svg, a small Go program of this repo:
# it lays every cell on a fixed grid and keeps reverse video (the cursor and
# selections), bold, faint, underline styles and default-colour resets, which
# charmbracelet/freeze v0.2.2 drops; its SVGs embed no font (~25–60 KB each
# against freeze's ~380 KB). With -frames it makes the demo: the frames shown
# in turn by CSS animation, looping, each row that frames share drawn once.
# RENDERER=freeze renders the stills with freeze instead, for comparison (the
# demo is always ansi2svg's).
#
# Writes only docs/screenshots/{library,reader,dialog,demo}.svg in the repo;
# the binaries, the article, its annotations, config and data folders and the
# .ansi captures live in a temporary folder removed on exit. Needs go, tmux,
# bash.
#
#   docs/screenshots/make.sh            # the stills and the demo
#   docs/screenshots/make.sh stills     # only library, reader, dialog.svg
#   docs/screenshots/make.sh demo       # only demo.svg
#   KEEP=1 docs/screenshots/make.sh     # keep the temp folder (.ansi files)
#   RENDERER=freeze docs/screenshots/make.sh stills
#   STANCE_SRC=/some/worktree docs/screenshots/make.sh
#
# STANCE_SRC is the source tree stance is built from (default: this repo), for
# pictures of another checkout — say a clean worktree of HEAD while this one
# is mid-edit. ansi2svg is always built from this repo. Each run has its own
# tmux server (socket stance-shots-PID; TMUX_SOCKET names another).
set -euo pipefail
trap 'echo "make.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
src=$(cd "${STANCE_SRC:-$repo}" && pwd)
freeze_version=v0.2.2
cols=120
rows=36
sock=${TMUX_SOCKET:-stance-shots-$$}
session=shots

do_stills= do_demo=
case $# in
0) do_stills=1 do_demo=1 ;;
*)
	for target in "$@"; do
		case $target in
		stills) do_stills=1 ;;
		demo) do_demo=1 ;;
		*)
			echo "usage: make.sh [stills] [demo]" >&2
			exit 2
			;;
		esac
	done
	;;
esac

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

echo "building stance from $src" >&2
(cd "$src" && go build -o "$work/bin/stance" .)
if [[ -n $do_demo || $renderer == ansi2svg ]]; then
	(cd "$repo" && go build -o "$work/bin/ansi2svg" ./docs/screenshots/ansi2svg)
fi
if [[ -n $do_stills && $renderer == freeze ]]; then
	echo "building freeze $freeze_version" >&2
	# Installed into the temp folder from outside the repo's module, so
	# go.mod and go.sum are not touched.
	(cd "$work" && GOBIN="$work/bin" go install "github.com/charmbracelet/freeze@$freeze_version")
fi

# Each part runs in a home of its own, so that one's coding does not show in
# the other's library.
home=
new_home() {
	home="$work/$1"
	mkdir -p "$home/data" "$home/config" "$home/articles"
}

# ---- driving tmux -----------------------------------------------------------

# No user tmux.conf: the pictures must not depend on whoever runs this.
t() { tmux -L "$sock" -f /dev/null "$@"; }

# One server for all the runs, kept up between them (by default a server
# exits with its last session, and a new-session racing that exit fails).
# remain-on-exit keeps a pane whose stance ended, so that a crash shows.
t start-server \; set-option -g exit-empty off \; set-option -g remain-on-exit on

# launch COMMAND… — run COMMAND in a fresh session, in a clean environment
# whose home is $home, with stance on the PATH.
launch() {
	t new-session -d -s "$session" -x "$cols" -y "$rows" -c "$home/articles" \
		env -i PATH="$work/bin:$PATH" HOME="$home" \
		XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
		TERM=xterm-256color COLORTERM=truecolor LANG=C.UTF-8 PS1='$ ' \
		"$@"
}

# start ARGS… — run stance ARGS… in a fresh session.
start() { launch "$work/bin/stance" "$@"; }

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

# wait_changed BEFORE — poll until the screen is no longer BEFORE.
wait_changed() {
	local i
	for ((i = 0; i < 200; i++)); do
		[[ $(screen) != "$1" ]] && return 0
		sleep 0.05
	done
	fail "the screen did not change"
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

# seed_selected — whether the library's cursor is on the seed article.
seed_selected() {
	local row
	row=$(screen | grep -F '▸' || true)
	[[ $row == *"No Breakthrough"* ]]
}

# to_seed [HOLD] — move the library's cursor down to the seed article; with
# HOLD, a demo frame of every move, held HOLD seconds.
to_seed() {
	local i
	for ((i = 0; i < 20; i++)); do
		seed_selected && return 0
		keys j
		if [[ -n ${1:-} ]]; then
			frame "$1"
		else
			sleep 0.1
		fi
	done
	seed_selected || fail "could not put the cursor on the seed article"
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

# ---- the stills ----------------------------------------------------------------

stills() {
	new_home stills
	cp "$repo/samples/2025-08-15-alaska-summit.txt" "$home/articles/alaska.txt"

	# 1. the library
	echo "library" >&2
	start
	wait_for "Library"
	wait_for "No Breakthrough Despite"
	# The cursor on the seed article, the one the next pictures code.
	to_seed
	shoot library
	quit

	# 2. the article, coded
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
	type_text "Donald Trump" # the speaker, empty, has the focus
	keys Enter
	wait_for "tagged claim"
	keys p
	wait_for "Record position"
	keys 1 Enter
	wait_for "recorded position: Donald Trump support"
	wait_for "1 position"
	esc
	shoot reader

	# 3. a tagging dialog
	echo "dialog" >&2
	search "Zelenskyy"
	keys a
	wait_for "Tag actor"
	shoot dialog
	esc
	wait_gone "Tag actor"
	quit
}

# ---- the demo -------------------------------------------------------------------

frames=0 # captured so far
poster=1 # the frame shown where there is no animation

# frame SECONDS — capture the screen, once settled, as the demo's next frame,
# held SECONDS.
frame() {
	local name
	settle
	frames=$((frames + 1))
	name=$(printf '%03d.ansi' "$frames")
	t capture-pane -p -e -t "$session" >"$work/demo/$name"
	echo "$1 $name" >>"$work/demo/frames"
}

# hold_last SECONDS — hold the last frame SECONDS instead.
hold_last() {
	sed -i "\$s/^[^ ]*/$1/" "$work/demo/frames"
}

# type_chunks PREFIX SECONDS CHUNK… — type the chunks one after the other, a
# frame after each, once the screen shows PREFIX and what is typed so far.
type_chunks() {
	local prefix=$1 hold=$2 typed= chunk
	shift 2
	for chunk in "$@"; do
		type_text "$chunk"
		typed+=$chunk
		wait_for "$prefix$typed"
		frame "$hold"
	done
}

# type_chars PREFIX SECONDS TEXT — type TEXT a character at a time.
type_chars() {
	local chars=() i
	for ((i = 0; i < ${#3}; i++)); do
		chars+=("${3:i:1}")
	done
	type_chunks "$1" "$2" "${chars[@]}"
}

# type_words PREFIX SECONDS TEXT — type TEXT a word at a time.
type_words() {
	local words=() word
	for word in $3; do
		words+=("${words:+ }$word")
	done
	type_chunks "$1" "$2" "${words[@]}"
}

demo() {
	new_home demo
	mkdir -p "$work/demo"
	: >"$work/demo/frames"
	echo "demo" >&2

	# From the shell prompt, stance with no arguments: the library.
	launch bash --norc --noprofile -i
	wait_for '$'
	frame 0.6
	type_chars '$ ' 0.1 stance
	keys Enter
	wait_for "Library"
	wait_for "No Breakthrough Despite"
	frame 1.3
	to_seed 0.35
	hold_last 0.9

	# The seed article.
	keys Enter
	wait_for "On Friday"
	wait_for "0 actors"
	frame 1.8

	# A search, typed; enter selects the first match.
	keys /
	wait_for "SEARCH"
	frame 0.4
	type_chars "/" 0.12 Putin
	hold_last 0.5
	keys Enter
	wait_for "match 1/"
	frame 1.1

	# The match tagged as an actor.
	keys a
	wait_for "Tag actor"
	frame 1.7
	keys Enter
	wait_for "tagged actor Putin"
	wait_for "· saved"
	frame 1.2

	# A claim, found by search, put in the dialog's own words, with its
	# speaker.
	keys /
	wait_for "SEARCH"
	type_words "/" 0.2 "root causes"
	keys Enter
	wait_for "match 1/1"
	frame 0.8
	keys c
	wait_for "Tag claim"
	frame 0.9
	keys BTab # from the speaker, empty and focused, to the wording
	wait_for "→ (none)"
	type_words "claim    " 0.12 "the root causes of the war must be addressed first"
	hold_last 0.6
	keys Tab
	wait_for "▸ (none)"
	frame 0.4
	type_chars "speaker  " 0.1 Putin
	wait_for "▸ Putin"
	hold_last 0.7
	keys Enter
	wait_for "tagged claim"
	wait_for "· saved"
	frame 1.6

	# The speaker's position on the claim.
	keys p
	wait_for "Record position"
	frame 1.4
	keys 1 Enter
	wait_for "recorded position: Putin support"
	wait_for "· saved"
	frame 2.2
	poster=$frames

	# The annotation list: tab to it and move along it; the inspector
	# follows. (The claim and the position share their span, so either
	# can be listed first.)
	keys Tab
	frame 0.6
	keys k
	wait_for "type    actor"
	frame 0.8
	keys j
	wait_gone "type    actor"
	frame 0.8
	before=$(screen)
	keys j
	wait_changed "$before"
	frame 0.8

	# The help, briefly; any key closes it.
	keys '?'
	wait_for "any key closes"
	frame 2.2
	keys '?'
	wait_gone "any key closes"
	frame 0.5

	# Quit: back at the prompt.
	keys q
	wait_gone "Annotations"
	wait_for '$ stance'
	frame 1.5
	t kill-session -t "$session"

	"$work/bin/ansi2svg" -cols "$cols" -rows "$rows" -frames "$work/demo/frames" \
		-poster "$poster" -o "$work/demo.svg"
	cp "$work/demo.svg" "$here/demo.svg"
	echo "wrote docs/screenshots/demo.svg: $frames frames," \
		"$(awk '{ s += $1 } END { print s }' "$work/demo/frames") s," \
		"$(($(wc -c <"$here/demo.svg") / 1024)) KB" >&2
}

# ---- main -----------------------------------------------------------------------

if [[ -n $do_stills ]]; then
	stills
fi
if [[ -n $do_demo ]]; then
	demo
fi
