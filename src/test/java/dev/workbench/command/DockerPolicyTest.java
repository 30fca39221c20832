package dev.workbench.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Safe mode's reading of docker command lines, without docker: what it lets through unchanged and
 * what it refuses. The repository has a {@code Dockerfile}, a {@code .env} and a symbolic link
 * {@code escape} pointing at {@code /etc}, and
 * {@code dangling} pointing at a file that does not exist outside it.
 */
class DockerPolicyTest {

    @TempDir
    static Path repository;

    @BeforeAll
    static void createRepository() throws IOException {
        Files.writeString(repository.resolve("Dockerfile"), "FROM alpine\n");
        Files.writeString(repository.resolve(".env"), "A=1\n");
        Files.createDirectories(repository.resolve("docker"));
        Files.createSymbolicLink(repository.resolve("escape"), Path.of("/etc"));
        Files.createSymbolicLink(repository.resolve("dangling"), Path.of("/tmp/workbench-dangling-target"));
    }

    static List<String> allowed() {
        return List.of(
                "docker ps -a",
                "docker images --format {{.Repository}}",
                "docker tag api:latest registry.example.com/api:1",
                "docker push registry.example.com/api:1",
                "docker build .",
                "docker build -t api:dev .",
                "docker build --tag=api:dev --file docker/Dockerfile .",
                "docker build -qt api:dev .",
                "docker build -f Dockerfile --no-cache --pull ./docker",
                "docker build --build-arg VERSION=1 --platform linux/amd64 --target runtime .",
                "docker build -o out .",
                "docker build --output type=local,dest=build/out .",
                "docker build --output type=docker .",
                "docker build --secret id=npm,src=.env .",
                "docker build --cache-to type=local,dest=.cache --cache-from type=local,src=.cache .",
                "docker build --cache-from type=registry,ref=registry.example.com/api:cache .",
                "docker build --build-context base=docker-image://alpine:3 .",
                "docker build --iidfile image.id .",
                "docker run --rm alpine echo hi",
                "docker run -it --rm -v .:/app -w /app node:22 npm test",
                "docker run -d -p 8080:80 --name web nginx",
                "docker run -v cache:/root/.cache alpine",
                "docker run --mount type=bind,source=./docker,target=/d alpine",
                "docker run --mount type=volume,src=data,dst=/data alpine",
                "docker run --env-file .env alpine env",
                "docker run -eFOO=bar -e BAZ=1 alpine",
                "docker run --network=bridge alpine");
    }

    static List<String> refused() {
        return List.of(
                // run: clusters and forms that hide a bind mount
                "docker run -itv /etc:/x alpine",
                "docker run -dv/:/host alpine",
                "docker run -v=/etc:/x alpine",
                "docker run -v ./escape:/x alpine",
                "docker run -v escape/:/x alpine",
                "docker run -v ./escape/..:/x alpine",
                "docker run --mount type=bind,src=.,src=/etc,dst=/x alpine",
                "docker run --mount type=volume,src=v,dst=/x,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/etc alpine",
                "docker run --mount type=volume,src=v,dst=/x,volume-driver=local alpine",
                "docker run --volume-driver local -v v:/x alpine",
                // run: host files read or written
                "docker run --env-file /proc/self/environ alpine env",
                "docker run --env-file=escape/shadow alpine env",
                "docker run --env-file escape/../etc/passwd alpine env",
                "docker run --label-file /etc/passwd alpine",
                "docker run --cidfile /tmp/cid alpine",
                "docker run --runtime=/tmp/evil alpine",
                "docker run --privileged=true alpine",
                // build: context, Dockerfile, outputs, secrets, caches, entitlements
                "docker build /",
                "docker build ..",
                "docker build escape",
                "docker build https://github.com/evil/repo.git",
                "docker build git@github.com:evil/repo.git",
                "docker build -",
                "docker build -t api",
                "docker build . /etc",
                "docker build --some-new-switch /etc",
                "docker build -f /etc/Dockerfile .",
                "docker build -f/etc/Dockerfile .",
                "docker build --file=../Dockerfile .",
                "docker build -o /tmp/out .",
                "docker build -o/tmp/out .",
                "docker build -o dangling .",
                "docker build --output type=local,dest=/home .",
                "docker build --output type=tar,dest=../image.tar .",
                "docker build --secret id=k,src=/etc/shadow .",
                "docker build --secret id=k,source=escape/shadow .",
                "docker build --ssh default .",
                "docker build --ssh default=/root/.ssh/id_ed25519 .",
                "docker build --allow security.insecure .",
                "docker build --allow=network.host .",
                "docker build --network host .",
                "docker build --cache-to type=local,dest=/var/cache .",
                "docker build --cache-from type=local,src=/root .",
                "docker build --build-context etc=/etc .",
                "docker build --build-context x=oci-layout:///var/lib .",
                "docker build --iidfile /tmp/id .",
                "docker build --metadata-file=/tmp/meta.json .",
                "docker build --security-opt seccomp=unconfined .");
    }

    @ParameterizedTest
    @MethodSource("allowed")
    void runsAllowedCommandsUnchanged(String line) {
        List<String> words = CommandTokenizer.split(line);
        assertThat(DockerPolicy.decide(words, repository)).as(line)
                .isEqualTo(new CommandPolicy.Run("docker", words, Map.of()));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesWithAReason(String line) {
        CommandPolicy.Decision decision = DockerPolicy.decide(CommandTokenizer.split(line), repository);
        assertThat(decision).as(line).isInstanceOf(CommandPolicy.Refuse.class);
        assertThat(((CommandPolicy.Refuse) decision).reason()).as(line).isNotBlank();
    }
}
