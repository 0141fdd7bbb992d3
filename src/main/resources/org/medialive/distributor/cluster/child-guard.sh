#!/bin/sh
# Cluster mode's guard around every output process: sh child-guard.sh JVM_PID COMMAND [ARGS...]
# Runs COMMAND and ends it (SIGTERM, so an SRT relay says goodbye to its peer and the peer
# accepts the new owner's relay at once) as soon as the JVM that started it is gone or stopped
# (SIGSTOP, state T): another node takes the channel over then, and a relay left behind would
# hold the destination (an SRT listener serves one caller at a time) or, resumed, send twice.
# Only shell builtins but sleep: one /proc read every 0.1 s.
parent=$1
shift
exec 3<&0
"$@" <&3 3<&- &
exec 3<&- 0</dev/null
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT
while kill -0 "$child" 2>/dev/null; do
    line=
    read -r line < "/proc/$parent/stat" 2>/dev/null
    rest=${line##*) }
    state=${rest%% *}
    case "$state" in
        ''|T|t|Z|X)
            kill -TERM "$child" 2>/dev/null
            sleep 1
            kill -KILL "$child" 2>/dev/null
            exit 143
            ;;
    esac
    sleep 0.1
done
wait "$child"
