# MediaLive Distributor container image.
#   docker build -t medialive-distributor .
#   DISTRIBUTOR_ADMIN_PASSWORD='a long password' docker compose up -d   (docker-compose.yml)
# Podman: podman build --format docker -t medialive-distributor .  (the docker format keeps
# the HEALTHCHECK; the OCI format drops it).
# Stage 1 builds the jar with the project's own Maven build; stage 2 is a slim Debian
# runtime with the packages listed in packaging/packages-runtime.txt and no build tools.
# packaging/image-test.sh (run by ImageIT in the test suite) builds this file and runs the image.

# The base images. Only the image test overrides them, with Debian roots it makes itself
# (no registry is reachable on its machines); anyone else takes Debian's official images.
ARG BUILD_BASE=debian:bookworm
ARG RUNTIME_BASE=debian:bookworm-slim

FROM ${BUILD_BASE} AS build
COPY packaging/packages-build.txt /tmp/
RUN apt-get update \
 && grep -v '^\s*#' /tmp/packages-build.txt | xargs apt-get install -y --no-install-recommends \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# No "mvn dependency:go-offline" layer: it fails for this pom (hawtio-springboot names
# io.hawt:hawtio-log, which Maven Central does not have and the package build never needs).
COPY pom.xml ./
COPY src/main ./src/main
COPY routes ./routes
COPY ui ./ui
# the API contract: packaged and served at /api/openapi.json, and the test client is generated from it
COPY docs/openapi.json ./docs/openapi.json
RUN mvn -B -q -DskipTests package

FROM ${RUNTIME_BASE}
COPY packaging/packages-runtime.txt /tmp/
# tini is PID 1: it forwards SIGTERM to the server and reaps any orphan (an output's process
# whose parent died), which a JVM as PID 1 would not.
RUN apt-get update \
 && grep -v '^\s*#' /tmp/packages-runtime.txt | xargs apt-get install -y --no-install-recommends \
 && apt-get install -y --no-install-recommends tini \
 && apt-get clean && rm -rf /var/lib/apt/lists/* /tmp/packages-runtime.txt \
 && useradd --system --home-dir /var/lib/medialive-distributor --shell /usr/sbin/nologin distributor \
 && mkdir -p /var/lib/medialive-distributor /opt/medialive-distributor \
 && chown distributor:distributor /var/lib/medialive-distributor
COPY --from=build /src/target/medialive-distributor.jar /opt/medialive-distributor/
COPY packaging/docker-entrypoint.sh /usr/local/bin/medialive-distributor
# The Camel route files, read at each start (docs/ROUTES.md): mount your own folder over this
# one to change a route without building a new image.
COPY routes /etc/medialive-distributor/routes
ENV DISTRIBUTOR_ROUTES_DIR=/etc/medialive-distributor/routes
# The server and every output process (srt-live-transmit, ffmpeg) run as "distributor", not
# root. Output processes take SRT passphrases and RTMP stream keys on their command lines:
# inside the container `ps` shows only the container's own processes (its own PID namespace),
# but on the host every local user sees them in `ps` unless the host's /proc is mounted with
# hidepid=2 (docs/OPERATIONS.md).
USER distributor
VOLUME /var/lib/medialive-distributor
# Web/API/WebSocket port; channels and SRT listener outputs use UDP ports of their own
# (host networking in docker-compose.yml, or publish them one by one).
EXPOSE 8000
# Channels ask for 4 MB socket receive buffers; the host's net.core.rmem_max caps them and a
# container cannot raise it: `sysctl -w net.core.rmem_max=4194304` on the host (docs/OPERATIONS.md).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:${SERVER_PORT:-8000}/actuator/health/liveness || exit 1
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/medialive-distributor"]
