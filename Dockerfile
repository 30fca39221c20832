# Native image for Fly.io's builder: `fly deploy` builds this file remotely.
# Stage 1 compiles the native executable with Mandrel; stage 2 runs it as a non-root user on Debian
# slim with git and bubblewrap (every command runs in a bubblewrap sandbox).

FROM quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25 AS build
USER quarkus
WORKDIR /code
COPY --chown=quarkus:quarkus --chmod=0755 mvnw /code/mvnw
COPY --chown=quarkus:quarkus .mvn /code/.mvn
COPY --chown=quarkus:quarkus pom.xml /code/
RUN ./mvnw -B -ntp dependency:go-offline
COPY --chown=quarkus:quarkus src /code/src
RUN ./mvnw -B -ntp -Pnative package -DskipTests

# Runtime: Debian's slim image, because commands run inside bubblewrap and the UBI repositories do
# not carry it (RHEL ships it only from repositories that need a subscription). The binary is built
# on UBI 9 (glibc 2.34) and runs on Debian 12 (glibc 2.36); git and bubblewrap come from Debian.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends bubblewrap git ca-certificates openssh-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 1001 --gid 0 --home-dir /work --no-create-home workbench
WORKDIR /work/
RUN chown 1001:root /work && chmod "g+rwX" /work && mkdir /data && chown 1001:root /data
COPY --from=build --chown=1001:root --chmod=0755 /code/target/*-runner /work/application
# The embedded store (deployments, runs, login counts, the audit trail) lives in DATA_DIR: fly.toml
# mounts a volume there. Fly mounts volumes owned by root, so the entrypoint starts as root only to
# hand /data to the service's user, then runs the service as that user (uid 1001), never as root.
ENV ENVIRONMENT=production \
    PORT=8000 \
    DATA_DIR=/data \
    HOME=/work
EXPOSE 8000
USER root
ENTRYPOINT ["sh", "-c", "if [ \"$(id -u)\" = 0 ]; then chown 1001:root /data && exec setpriv --reuid=1001 --regid=0 --clear-groups ./application -Dquarkus.http.host=0.0.0.0; else exec ./application -Dquarkus.http.host=0.0.0.0; fi"]
