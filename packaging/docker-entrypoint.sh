#!/bin/sh
# Container entry point: runs the server in the foreground as PID 1's only child-maker,
# so `docker stop` (SIGTERM) reaches the JVM, which stops every output process first.
# Arguments are Spring Boot properties (--key=value); JAVA_OPTS adds JVM options.
set -eu
DATA_DIR="${DISTRIBUTOR_DATA_DIR:-/var/lib/medialive-distributor}"
if [ ! -w "$DATA_DIR" ]; then
  echo "medialive-distributor: the data directory $DATA_DIR is not writable by $(id -un)" >&2
  exit 1
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options on purpose
exec java ${JAVA_OPTS:-} -jar /opt/medialive-distributor/medialive-distributor.jar \
  --distributor.data-dir="$DATA_DIR" "$@"
