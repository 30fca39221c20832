# Native image for Fly.io's builder: `fly deploy` builds this file remotely.
# Stage 1 compiles the native executable with Mandrel; stage 2 adds git (the command agent runs it)
# to a UBI micro root; stage 3 is that root with the binary, run as a non-root user.

FROM quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25 AS build
USER quarkus
WORKDIR /code
COPY --chown=quarkus:quarkus --chmod=0755 mvnw /code/mvnw
COPY --chown=quarkus:quarkus .mvn /code/.mvn
COPY --chown=quarkus:quarkus pom.xml /code/
RUN ./mvnw -B -ntp dependency:go-offline
COPY --chown=quarkus:quarkus src /code/src
RUN ./mvnw -B -ntp -Pnative package -DskipTests

# ubi-micro has no package manager: install git into a copy of its root with the full UBI's dnf.
FROM registry.access.redhat.com/ubi9/ubi:9.6 AS git
COPY --from=quay.io/quarkus/ubi9-quarkus-micro-image:2.0 / /mnt/rootfs
RUN dnf install --installroot /mnt/rootfs --releasever 9 --setopt install_weak_deps=false --nodocs -y git-core \
    && dnf --installroot /mnt/rootfs clean all \
    && rm -rf /mnt/rootfs/var/cache/* /mnt/rootfs/var/log/dnf* /mnt/rootfs/var/log/yum.*

FROM quay.io/quarkus/ubi9-quarkus-micro-image:2.0
COPY --from=git /mnt/rootfs/ /
WORKDIR /work/
RUN chown 1001 /work && chmod "g+rwX" /work && chown 1001:root /work
COPY --from=build --chown=1001:root --chmod=0755 /code/target/*-runner /work/application
ENV ENVIRONMENT=production \
    PORT=8000 \
    AUDIT_LOG=/work/audit/audit.jsonl
EXPOSE 8000
USER 1001
ENTRYPOINT ["./application", "-Dquarkus.http.host=0.0.0.0"]
