#!/bin/sh
# Cluster mode's guard around every output process: sh child-guard.sh JVM_PID COMMAND [ARGS...]
# Runs COMMAND and ends it as soon as the JVM that started it is gone or stopped (SIGSTOP,
# state T): another node takes the channel over then, and a relay left behind would hold the
# destination (an SRT listener serves one caller at a time) or, resumed, send twice.
# SIGTERM first, so an SRT relay says goodbye to its peer and the peer accepts the new owner's
# relay at once; SIGKILL if it is still there 0.5 s later (a relay whose JVM is stopped, not
# dead, waits on its silent FIFO and does not act on SIGTERM: then its peer notices only after
# its idle timeout, SRT's default 5 s).
# SIGPIPE is ignored, by this script and the command: once the JVM is gone their stdout and
# stderr lead nowhere, and a write there must kill neither the guard nor the relay before its
# goodbye (measured: without this, the guard died and the orphaned relay held the listener).
# Only shell builtins but sleep: one /proc read every 0.1 s.
parent=$1
shift
trap '' PIPE
exec 3<&0
"$@" <&3 3<&- &
child=$!
exec 3<&- 0</dev/null >/dev/null 2>&1
trap 'kill -TERM "$child"' TERM INT
while kill -0 "$child"; do
    line=
    { read -r line < "/proc/$parent/stat"; } 2>/dev/null
    rest=${line##*) }
    state=${rest%% *}
    case "$state" in
        ''|T|t|Z|X)
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
wait "$child"
