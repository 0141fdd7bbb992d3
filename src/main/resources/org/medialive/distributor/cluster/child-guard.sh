#!/bin/sh
# Cluster mode's guard around every output process: sh child-guard.sh JVM_PID COMMAND [ARGS...]
# Runs COMMAND and ends it as soon as the JVM that started it is gone or stopped (SIGSTOP,
# state T): another node takes the channel over then, and a relay left behind would hold the
# destination (an SRT listener serves one caller at a time) or, resumed, send twice.
# The command reads its stdin (the output's FIFO) through a cat of the guard's own: a relay whose
# JVM is stopped, not dead, waits on its silent FIFO and acts on no signal, so the guard ends the
# cat instead; the relay reads end of file and stops as after its JVM's death, saying goodbye to
# its SRT peer, which then accepts the new owner's relay at once (not after its idle timeout, SRT's
# default 5 s). With the cat gone the relay gets SIGTERM too (so it does not linger over what it
# still holds), and SIGKILL if it is still there 0.5 s later.
# SIGPIPE is ignored, by this script and the command: once the JVM is gone their stdout and
# stderr lead nowhere, and a write there must kill neither the guard nor the relay before its
# goodbye (measured: without this, the guard died and the orphaned relay held the listener).
# Only shell builtins but sleep, mkfifo and cat: one /proc read every 0.1 s.
parent=$1
shift
trap '' PIPE
relay_in="${TMPDIR:-/tmp}/child-guard.$$"
rm -f "$relay_in"
mkfifo -m 600 "$relay_in" || exit 70
# a background command's stdin would be /dev/null: hand the FIFO over on descriptor 3
exec 3<&0
cat <&3 3<&- > "$relay_in" &
feeder=$!
"$@" 3<&- < "$relay_in" &
child=$!
exec 3<&- 0</dev/null >/dev/null 2>&1
trap 'kill -TERM "$feeder" "$child"' TERM INT
trap 'rm -f "$relay_in"' EXIT
while kill -0 "$child"; do
    line=
    { read -r line < "/proc/$parent/stat"; } 2>/dev/null
    rest=${line##*) }
    state=${rest%% *}
    case "$state" in
        ''|T|t|Z|X)
            kill -KILL "$feeder"
            kill -TERM "$child"
            for tenth in 1 2 3 4 5; do
                kill -0 "$child" || exit 143
                sleep 0.1
            done
            kill -KILL "$child"
            exit 137
            ;;
    esac
    sleep 0.1
done
kill -TERM "$feeder"
wait "$child"
