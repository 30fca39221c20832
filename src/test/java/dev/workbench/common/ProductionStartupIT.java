package dev.workbench.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Starts the packaged application as an operator would, with the environment variables of a
 * deployment, and watches it refuse bad configurations: exit status, message, and no secret shown.
 */
class ProductionStartupIT {

    private static final String STRONG_SECRET = "a-strong-secret-that-must-never-be-logged-8c1f";
    private static final String PASSWORD = "operator-password-never-logged";
    private static final List<String> OURS = List.of("ENVIRONMENT", "JWT_SECRET_KEY", "ADMIN_USERNAME", "ADMIN_PASSWORD",
            "ADMIN_PASSWORD_HASH", "ACCESS_TOKEN_EXPIRE_DAYS", "TESTING", "PORT", "COMMAND_SANDBOX", "ALLOW_FULL_PRIVILEGE_COMMANDS",
            "SAFE_COMMANDS_ONLY", "RESTRICT_MCP_PROXY", "ALLOW_DEV_NOAUTH", "QUARKUS_HTTP_HOST", "ALLOWED_ORIGINS", "ALLOW_CREDENTIALS", "ENABLE_PORTKEY", "ROUTER_DEFAULT_MODELS", "WORKFLOWS_FILE",
            "DATA_DIR", "DATABASE_URL", "AUDIT_LOG");

    record Run(int exitCode, String output) {
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("no JWT secret", Map.of("ENVIRONMENT", "production", "ADMIN_PASSWORD", PASSWORD), "JWT_SECRET_KEY"),
                Arguments.of("the development JWT secret", Map.of("ENVIRONMENT", "production", "ADMIN_PASSWORD", PASSWORD,
                        "JWT_SECRET_KEY", "workbench-development-secret-do-not-use-in-production"), "JWT_SECRET_KEY"),
                Arguments.of("a placeholder JWT secret", Map.of("ENVIRONMENT", "PRODUCTION", "ADMIN_PASSWORD", PASSWORD,
                        "JWT_SECRET_KEY", "changeme"), "JWT_SECRET_KEY"),
                Arguments.of("no admin password", Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", STRONG_SECRET),
                        "ADMIN_PASSWORD_HASH"),
                Arguments.of("a hash that is not bcrypt", Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", STRONG_SECRET,
                        "ADMIN_PASSWORD_HASH", "sha256:" + PASSWORD), "ADMIN_PASSWORD_HASH"),
                Arguments.of("token days that are no number", Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", STRONG_SECRET,
                        "ADMIN_PASSWORD", PASSWORD, "ACCESS_TOKEN_EXPIRE_DAYS", "abc"), "ACCESS_TOKEN_EXPIRE_DAYS"),
                Arguments.of("an unknown environment", Map.of("ENVIRONMENT", "prod", "JWT_SECRET_KEY", STRONG_SECRET,
                        "ADMIN_PASSWORD", PASSWORD), "ENVIRONMENT"),
                Arguments.of("a JWT secret of one byte", Map.of("ENVIRONMENT", "production", "ADMIN_PASSWORD", PASSWORD,
                        "JWT_SECRET_KEY", "a"), "JWT_SECRET_KEY"),
                Arguments.of("a JWT secret 'password'", Map.of("ENVIRONMENT", "production", "ADMIN_PASSWORD", PASSWORD,
                        "JWT_SECRET_KEY", "password"), "JWT_SECRET_KEY"),
                Arguments.of("a JWT secret of 31 bytes", Map.of("ENVIRONMENT", "production", "ADMIN_PASSWORD", PASSWORD,
                        "JWT_SECRET_KEY", "x".repeat(31)), "JWT_SECRET_KEY"),
                Arguments.of("the admin password 'admin'", Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", STRONG_SECRET,
                        "ADMIN_PASSWORD", "admin"), "ADMIN_PASSWORD"),
                Arguments.of("a blank admin password", Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", STRONG_SECRET,
                        "ADMIN_PASSWORD", " "), "ADMIN_PASSWORD"),
                Arguments.of("a blank admin password of 12 spaces", Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", STRONG_SECRET,
                        "ADMIN_PASSWORD", " ".repeat(12)), "ADMIN_PASSWORD"),
                Arguments.of("the admin password 'changeit'", Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", STRONG_SECRET,
                        "ADMIN_PASSWORD", "changeit"), "ADMIN_PASSWORD"),
                Arguments.of("the admin password 'payready2025'", Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", STRONG_SECRET,
                        "ADMIN_PASSWORD", "PayReady2025"), "ADMIN_PASSWORD"),
                Arguments.of("a common 12-character admin password", Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", STRONG_SECRET,
                        "ADMIN_PASSWORD", "password1234"), "ADMIN_PASSWORD"),
                Arguments.of("ALLOW_FULL_PRIVILEGE_COMMANDS=on", Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", STRONG_SECRET,
                        "ADMIN_PASSWORD", PASSWORD, "ALLOW_FULL_PRIVILEGE_COMMANDS", "on"), "ALLOW_FULL_PRIVILEGE_COMMANDS must be 1, true, yes"),
                Arguments.of("SAFE_COMMANDS_ONLY=y in development", Map.of("SAFE_COMMANDS_ONLY", "y"), "SAFE_COMMANDS_ONLY must be 1, true, yes"),
                Arguments.of("a command sandbox that does not work (no bwrap on PATH)", Map.of("ENVIRONMENT", "production",
                        "JWT_SECRET_KEY", STRONG_SECRET, "ADMIN_PASSWORD", PASSWORD, "PATH", "/nonexistent"), "COMMAND_SANDBOX"),
                Arguments.of("an unknown command sandbox", Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", STRONG_SECRET,
                        "ADMIN_PASSWORD", PASSWORD, "COMMAND_SANDBOX", "chroot"), "workbench.command.sandbox"),
                Arguments.of("ALLOW_DEV_NOAUTH in production", Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", STRONG_SECRET,
                        "ADMIN_PASSWORD", PASSWORD, "ALLOW_DEV_NOAUTH", "1", "QUARKUS_HTTP_HOST", "127.0.0.1"),
                        "ALLOW_DEV_NOAUTH is on with ENVIRONMENT=production"),
                Arguments.of("ALLOW_DEV_NOAUTH on every interface (the packaged default)", Map.of("ALLOW_DEV_NOAUTH", "true"),
                        "ALLOW_DEV_NOAUTH is on while listening on 0.0.0.0"),
                Arguments.of("ALLOW_DEV_NOAUTH=on", Map.of("ALLOW_DEV_NOAUTH", "on"), "ALLOW_DEV_NOAUTH must be 1, true, yes"),
                Arguments.of("ALLOWED_ORIGINS=*", Map.of("ALLOWED_ORIGINS", "*"), "ALLOWED_ORIGINS: '*' is not an origin as a browser sends it"),
                Arguments.of("an origin with a trailing slash", Map.of("ALLOWED_ORIGINS", "https://dash.example.com/"),
                        "ALLOWED_ORIGINS: 'https://dash.example.com/' is not an origin as a browser sends it"),
                Arguments.of("ALLOW_CREDENTIALS=y", Map.of("ALLOW_CREDENTIALS", "y"), "ALLOW_CREDENTIALS must be 1, true, yes"),
                Arguments.of("a workflow step for no agent", Map.of("WORKFLOWS_FILE", yaml("workflows:\n  w:\n    steps:\n"
                        + "      - {agent: wizard, action: conjure}\n")), "Workflow 'w' has a step for agent 'wizard', which is no agent"),
                Arguments.of("a workflows file that is no YAML mapping", Map.of("WORKFLOWS_FILE", yaml("workflows: [1, 2]\n")),
                        "'workflows' must map names to workflows"),
                Arguments.of("ENABLE_PORTKEY=maybe", Map.of("ENABLE_PORTKEY", "maybe"), "ENABLE_PORTKEY must be 1, true, yes"),
                Arguments.of("a DATABASE_URL of another database", Map.of("DATABASE_URL", "mysql://app:" + PASSWORD + "@db.internal:3306/app"),
                        "DATABASE_URL must start with postgres:// or postgresql:// (found mysql://)"),
                Arguments.of("a DATABASE_URL that names no database", Map.of("DATABASE_URL", "postgres://app:" + PASSWORD + "@db.internal:5432"),
                        "DATABASE_URL names no database"),
                Arguments.of("a DATA_DIR that is a file", Map.of("DATA_DIR", "/etc/hostname"),
                        "The embedded store in DATA_DIR=/etc/hostname cannot be opened"),
                Arguments.of("a router model without its provider", Map.of("ROUTER_DEFAULT_MODELS", "anthropic:claude-sonnet-4-5,gpt-4.1"),
                        "ROUTER_DEFAULT_MODELS or workbench.router.tasks: 'gpt-4.1' is not provider:model"));
    }

    @Test
    void devNoAuthOnLoopbackStartsSaysSoAndLetsRequestsInAsTheAdmin() throws Exception {
        String output = startCheckAndStop(Map.of("ALLOW_DEV_NOAUTH", "yes", "QUARKUS_HTTP_HOST", "127.0.0.1"),
                port -> {
                    HttpRequest protectedRoute = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/deploy/no-such-deployment")).build();
                    HttpResponse<String> answer = HttpClient.newHttpClient().send(protectedRoute, HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
                });
        assertThat(output.lines().filter(line -> line.contains("WARN") && line.contains("ALLOW_DEV_NOAUTH is on")).toList())
                .hasSize(1);
    }

    /** A YAML file with {@code text}, for WORKFLOWS_FILE. */
    private static String yaml(String text) {
        try {
            Path file = Files.createTempFile("workflows", ".yaml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, text).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void productionRefusesToStart(String name, Map<String, String> env, String variable) throws Exception {
        Run run = runToExit(env);
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains(variable);
        assertThat(run.output()).doesNotContain(STRONG_SECRET).doesNotContain(PASSWORD);
        assertThat(run.output()).doesNotContain("Listening on");
    }

    @Test
    void productionRefusalIsOneLineNamingTheVariable() throws Exception {
        Run run = runToExit(Map.of("ENVIRONMENT", "production", "ADMIN_PASSWORD", PASSWORD));
        List<String> errorLines = run.output().lines().filter(line -> line.contains("ERROR")).toList();
        assertThat(errorLines).hasSize(1);
        assertThat(errorLines.get(0)).contains("JWT_SECRET_KEY").contains("production");
        assertThat(run.output()).doesNotContain("\tat ");
    }

    @Test
    void productionStartsWithRealCredentialsAndWarnsOfNothing() throws Exception {
        String output = startCheckAndStop(Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", STRONG_SECRET,
                "ADMIN_PASSWORD", PASSWORD));
        assertThat(output).doesNotContain("development defaults").doesNotContain(STRONG_SECRET).doesNotContain(PASSWORD);
    }

    @Test
    void productionWithoutASandboxStartsOnlyWhenToldToAndSaysSo() throws Exception {
        String output = startCheckAndStop(Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", STRONG_SECRET,
                "ADMIN_PASSWORD", PASSWORD, "COMMAND_SANDBOX", "none", "PATH", "/nonexistent"));
        assertThat(output).contains("COMMAND_SANDBOX=none: commands run without an OS sandbox");
    }

    @Test
    void developmentStartsWithDefaultsAndSaysSoInOneLine() throws Exception {
        String output = startCheckAndStop(Map.of("RESTRICT_MCP_PROXY", "", "ALLOW_FULL_PRIVILEGE_COMMANDS", "No"));
        List<String> warnings = output.lines().filter(line -> line.contains("development defaults")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("JWT_SECRET_KEY").contains("ADMIN_PASSWORD");
    }

    private static ProcessBuilder app(Map<String, String> env, int port) {
        ProcessBuilder builder = new ProcessBuilder(dev.workbench.support.AppProcess.command()).redirectErrorStream(true);
        OURS.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        if (!env.containsKey("DATA_DIR")) {
            try {
                builder.environment().put("DATA_DIR", Files.createTempDirectory("startup-data").toString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return builder;
    }

    private static Run runToExit(Map<String, String> env) throws Exception {
        Path log = Files.createTempFile("startup", ".log");
        Process process = app(env, 0).redirectOutput(log.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the application exits by itself").isTrue();
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    /** What a test does with the started application, on its port. */
    interface WhileRunning {
        void check(int port) throws Exception;
    }

    private static String startCheckAndStop(Map<String, String> env) throws Exception {
        return startCheckAndStop(env, port -> { });
    }

    private static String startCheckAndStop(Map<String, String> env, WhileRunning check) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("startup", ".log");
        Process process = app(env, port).redirectOutput(log.toFile()).start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline && process.isAlive()) {
                try {
                    status = client.send(live, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertThat(status).as(Files.readString(log)).isEqualTo(200);
            check.check(port);
            return Files.readString(log, StandardCharsets.UTF_8);
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
