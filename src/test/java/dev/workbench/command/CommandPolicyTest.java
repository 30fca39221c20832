package dev.workbench.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Safe mode's grammars without running the commands: what they let through and as which argument
 * vector, and what they refuse. The repository is a real git repository with an https remote
 * {@code origin}, a local-path remote {@code local}, a remote {@code planted} with its own
 * upload-pack, a {@code package.json} with a {@code build} script, a {@code Dockerfile}, and a link
 * {@code escape} to {@code /etc}.
 */
class CommandPolicyTest {

    @TempDir
    static Path repository;

    private final CommandPolicy policy = new CommandPolicy(true, false);

    @BeforeAll
    static void createRepository() throws IOException {
        CommandsProfile.plainGit(repository, "init", "-q", "-b", "main");
        CommandsProfile.plainGit(repository, "remote", "add", "origin", "https://example.com/org/repo.git");
        CommandsProfile.plainGit(repository, "remote", "add", "mirror", "git@example.com:org/repo.git");
        CommandsProfile.plainGit(repository, "remote", "add", "local", "/srv/other.git");
        CommandsProfile.plainGit(repository, "remote", "add", "planted", "https://example.com/x.git");
        CommandsProfile.plainGit(repository, "config", "remote.planted.uploadpack", "touch /tmp/x");
        CommandsProfile.plainGit(repository, "remote", "add", "rewritten", "https://example.com/y.git");
        CommandsProfile.plainGit(repository, "config", "url.ext::sh -c touch% /tmp/x.insteadOf", "https://example.com/y");
        Files.writeString(repository.resolve("package.json"), "{\"scripts\":{\"build\":\"echo built\",\"test\":\"echo ok\"}}");
        Files.writeString(repository.resolve("Dockerfile"), "FROM alpine\n");
        Files.writeString(repository.resolve("a.txt"), "a\n");
        Files.writeString(repository.resolve("tool.py"), "print(1)\n");
        Files.createDirectories(repository.resolve("docker"));
        Files.createSymbolicLink(repository.resolve("escape"), Path.of("/etc"));
    }

    static List<String> allowed() {
        return List.of(
                "git status", "git status -s --branch", "git status --porcelain=v2 a.txt",
                "git log --oneline -n 5", "git log --format=%H%x09%s main", "git log HEAD~3..HEAD -- a.txt",
                "git log --grep=fix --author=ceo --since=2024-01-01", "git diff", "git diff HEAD~1 --stat",
                "git diff --cached a.txt", "git diff main...feature", "git add a.txt", "git add -A", "git add .",
                "git commit -m 'a message'", "git commit --amend --no-edit", "git commit -a --message=fix",
                "git checkout main", "git checkout -b feature/x", "git checkout -- a.txt", "git branch",
                "git branch -d old", "git branch -vv", "git push origin main", "git push -u origin main:main",
                "git push mirror +main", "git pull --ff-only origin main", "git fetch --prune origin", "git fetch mirror",
                "npm ci", "npm install", "npm ci --ignore-scripts --omit=dev", "npm test", "npm run build",
                "npm ls --depth=0", "npm ls express", "npm audit --json", "npm outdated",
                "python --version", "python3 -m pytest -q tests/test_a.py::test_one", "python -m pytest --junitxml=out/junit.xml",
                "python -m unittest discover -s tests", "python -m compileall -q .", "python -m pip list --format=json",
                "python tool.py --verbose", "python3 tool.py out/result.txt",
                "docker build .", "docker build -t api:dev -f Dockerfile ./docker", "docker build --tag=api:dev --file=Dockerfile .", "docker build --build-arg=V=1 --target=runtime .",
                "docker images", "docker ps -a", "docker tag api:dev registry.example.com/api:1", "docker push registry.example.com/api:1");
    }

    @ParameterizedTest
    @MethodSource("allowed")
    void allowedLinesRun(String line) {
        CommandPolicy.Decision decision = policy.decide(line, List.of(), repository, Map.of());
        assertThat(decision).as(line).isInstanceOf(CommandPolicy.Run.class);
    }

    static List<String> refused() {
        return List.of(
                // abbreviations and unknown options: only exact spellings of listed options
                "git push --rece=x origin main", "git push --exe=x origin main", "git pull --upload-p=x origin main",
                "git commit --allow-empty --fil=/etc/passwd", "git log --outp=x", "git diff --ext", "git status --porc",
                "npm ci --script-sh=x", "npm install --userc=x", "npm ci --regi=http://127.0.0.1:9",
                "git log -p -- /etc/passwd", "git commit -am x", "git diff -U3", "git log -n5",
                // paths and revisions outside the repository
                "git diff /etc/hostname a.txt", "git diff ../x a.txt", "git log -- ../../etc", "git add /etc/passwd",
                "git add escape/passwd", "git log escape", "git diff HEAD:../x", "git checkout -- /etc/hosts",
                "git log --end-of-options -x", "git branch -- x", "git checkout -b ../x",
                "python -m pytest /etc", "python -m pytest --junitxml=/tmp/x.xml", "python -m compileall /usr/lib",
                "python tool.py /etc/passwd", "python -m pytest -p evil", "python -m pytest --rootdir=/",
                // remotes: only https or ssh, named, with no program of their own
                "git push local main", "git pull local main", "git fetch planted", "git push rewritten main",
                "git push", "git push /tmp/x main", "git push https://example.com/x.git main", "git fetch nosuch",
                "git push origin HEAD:../x",
                // npm: no package arguments, no scripts package.json does not name, no config
                "npm install https://example.com/evil.tgz", "npm install ../outside", "npm install lodash",
                "npm run evil", "npm run build -- --extra", "npm test -- x", "npm audit fix", "npm ls ../x",
                "npm exec x", "npm --prefix /tmp ci",
                // docker: no run; build inside the repository with listed options only
                "docker run alpine", "docker run --rm alpine echo hi", "docker build /", "docker build escape",
                "docker build --output type=local,dest=/tmp .", "docker build --secret id=k,src=/etc/shadow .",
                "docker build -f /etc/passwd .", "docker build --network=host .", "docker tag a", "docker exec x sh",
                "docker -H tcp://127.0.0.1:9 ps");
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusedLinesSayWhy(String line) {
        CommandPolicy.Decision decision = policy.decide(line, List.of(), repository, Map.of());
        assertThat(decision).as(line).isInstanceOf(CommandPolicy.Refuse.class);
        assertThat(((CommandPolicy.Refuse) decision).reason()).isNotBlank();
    }

    @Test
    void aRefusedOptionIsNamedInTheReason() {
        CommandPolicy.Refuse refuse = (CommandPolicy.Refuse) policy.decide("git push --rece=x origin main", List.of(), repository, Map.of());
        assertThat(refuse.reason()).isEqualTo("git push: option '--rece=x' is not allowed");
    }

    @Test
    void gitGetsItsOptionsBeforeEndOfOptionsAndNeverAnExternalDiff() {
        CommandPolicy.Run run = (CommandPolicy.Run) policy.decide("git diff HEAD~1 --stat", List.of(), repository, Map.of());
        assertThat(run.argv()).containsExactly("git", "diff", "--no-ext-diff", "--no-textconv", "--stat", "--end-of-options", "HEAD~1");
        assertThat(run.network()).isFalse();
        assertThat(((CommandPolicy.Run) policy.decide("git push origin main", List.of(), repository, Map.of())).network()).isTrue();
    }

    @Test
    void gitReadsNoOutsideConfigurationAndTheRepositorysProgramKeysAreOverridden() throws IOException {
        CommandsProfile.plainGit(repository, "config", "filter.lfsx.clean", "touch /tmp/x");
        CommandsProfile.plainGit(repository, "config", "diff.Pic.textconv", "touch /tmp/x");
        try {
            Map<String, String> environment = ((CommandPolicy.Run) policy.decide("git status", List.of(), repository, Map.of())).environment();
            assertThat(environment).containsEntry("GIT_CONFIG_NOSYSTEM", "1").containsEntry("GIT_CONFIG_GLOBAL", "/dev/null")
                    .containsEntry("GIT_DIR", repository.resolve(".git").toString());
            Map<String, String> overrides = new java.util.HashMap<>();
            int count = Integer.parseInt(environment.get("GIT_CONFIG_COUNT"));
            for (int i = 0; i < count; i++) {
                overrides.put(environment.get("GIT_CONFIG_KEY_" + i), environment.get("GIT_CONFIG_VALUE_" + i));
            }
            assertThat(overrides).containsEntry("filter.lfsx.clean", "").containsEntry("diff.Pic.textconv", "")
                    .containsEntry("core.hooksPath", "/proc/workbench-no-hooks")
                    .containsEntry("core.fsmonitor", "false").containsEntry("diff.external", "").containsEntry("protocol.file.allow", "never");
        } finally {
            CommandsProfile.plainGit(repository, "config", "--unset", "filter.lfsx.clean");
            CommandsProfile.plainGit(repository, "config", "--unset", "diff.Pic.textconv");
        }
    }

    @Test
    void aGitFileOrLinkPointingElsewhereIsNoRepository(@TempDir Path other) throws IOException {
        Path victim = Files.createDirectories(other.resolve("victim"));
        CommandsProfile.plainGit(victim, "init", "-q", "-b", "main");
        Path repo = Files.createDirectories(other.resolve("repo"));
        Files.writeString(repo.resolve(".git"), "gitdir: " + victim.resolve(".git") + "\n");
        assertThat(policy.decide("git log", List.of(), repo, Map.of())).isInstanceOf(CommandPolicy.Refuse.class);
        Path linked = Files.createDirectories(other.resolve("linked"));
        Files.createSymbolicLink(linked.resolve(".git"), victim.resolve(".git"));
        assertThat(policy.decide("git status", List.of(), linked, Map.of())).isInstanceOf(CommandPolicy.Refuse.class);
    }

    @Test
    void aConfigurationThatNeverEndsIsRefusedInsteadOfWaitedFor(@TempDir Path other) throws Exception {
        Path repo = Files.createDirectories(other.resolve("repo"));
        CommandsProfile.plainGit(repo, "init", "-q", "-b", "main");
        Process mkfifo = new ProcessBuilder("mkfifo", repo.resolve(".git/hang").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        CommandsProfile.plainGit(repo, "config", "include.path", "hang");
        long start = System.nanoTime();
        CommandPolicy.Decision decision = policy.decide("git status", List.of(), repo, Map.of());
        assertThat(decision).isInstanceOf(CommandPolicy.Refuse.class);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(20));
    }

    @Test
    void npmTakesNoProgramOrOutsidePathFromTheRepositorysNpmrc(@TempDir Path other) throws Exception {
        Path repo = Files.createDirectories(other.resolve("repo"));
        Files.writeString(repo.resolve("package.json"), "{\"name\":\"x\",\"version\":\"1.0.0\"}");
        Files.writeString(repo.resolve(".npmrc"), "global=true\nprefix=" + other.resolve("outside") + "\ngit=./evil.sh\n"
                + "script-shell=./evil.sh\nnode-options=--require ./evil.js\ncache=" + other.resolve("cache") + "\n"
                + "registry=https://registry.example.com/\n");
        ProcessBuilder npm = new ProcessBuilder("npm", "config", "get", "global", "prefix", "git", "script-shell", "node-options",
                "cache", "registry").directory(repo.toFile()).redirectErrorStream(true);
        npm.environment().putAll(NpmGrammar.environment("/tmp/home"));
        Process process = npm.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("global=false").contains("prefix=/tmp/home/.npm-global").contains("git=git")
                .contains("script-shell=/bin/sh").contains("cache=/tmp/home/.npm")
                .doesNotContain("evil").doesNotContain(other.resolve("outside").toString())
                // the repository's own registry is kept
                .contains("registry=https://registry.example.com/");
    }

    @Test
    void pythonRunsAsPython3() {
        CommandPolicy.Run run = (CommandPolicy.Run) policy.decide("python -m pytest -q", List.of(), repository, Map.of());
        assertThat(run.argv()).containsExactly("python3", "-m", "pytest", "-q");
    }
}
