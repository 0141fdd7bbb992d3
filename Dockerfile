# MediaLive Distributor container image.
#   docker build -t medialive-distributor .
#   docker compose up -d            (see docker-compose.yml: host networking, data volume)
# Stage 1 builds the jar with the project's own Maven build; stage 2 is a slim
# Debian runtime with the packages listed in packaging/packages-runtime.txt.

FROM debian:bookworm AS build
COPY packaging/packages-build.txt /tmp/
RUN apt-get update \
 && grep -v '^\s*#' /tmp/packages-build.txt | xargs apt-get install -y --no-install-recommends \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY routes ./routes
COPY ui ./ui
# the API contract: packaged and served at /api/openapi.json, and the test client is generated from it
COPY docs/openapi.json ./docs/openapi.json
RUN mvn -B -q -DskipTests package

FROM debian:bookworm-slim
COPY packaging/packages-runtime.txt /tmp/
RUN apt-get update \
 && grep -v '^\s*#' /tmp/packages-runtime.txt | xargs apt-get install -y --no-install-recommends \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /var/lib/medialive-distributor --shell /usr/sbin/nologin distributor \
 && mkdir -p /var/lib/medialive-distributor /opt/medialive-distributor \
 && chown distributor:distributor /var/lib/medialive-distributor
COPY --from=build /src/target/medialive-distributor.jar /opt/medialive-distributor/
COPY packaging/docker-entrypoint.sh /usr/local/bin/medialive-distributor
USER distributor
VOLUME /var/lib/medialive-distributor
# Web/API/WebSocket port; channels and SRT listener outputs use UDP ports of their own
# (host networking in docker-compose.yml, or publish them one by one).
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:${SERVER_PORT:-8000}/actuator/health/liveness || exit 1
ENTRYPOINT ["/usr/local/bin/medialive-distributor"]
