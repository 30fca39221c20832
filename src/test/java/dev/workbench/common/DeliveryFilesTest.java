package dev.workbench.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The delivery files cannot run here (no Docker engine, no GitHub, no Fly): they are parsed with
 * real YAML and TOML parsers and checked against each other and the application's configuration.
 */
class DeliveryFilesTest {

    private static final Path ROOT = Path.of(".").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper TOML = new TomlMapper();

    private static JsonNode yaml(String path) throws IOException {
        return YAML.readTree(ROOT.resolve(path).toFile());
    }

    private static String appDefaultPort() throws IOException {
        Matcher port = Pattern.compile("(?m)^quarkus\\.http\\.port=\\$\\{PORT:(\\d+)}").matcher(
                Files.readString(ROOT.resolve("src/main/resources/application.properties")));
        assertThat(port.find()).isTrue();
        return port.group(1);
    }

    @Test
    void everyWorkflowIsValidYamlWithJobsAndSteps() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve(".github/workflows"))) {
            List<Path> workflows = files.filter(f -> f.toString().endsWith(".yml")).toList();
            assertThat(workflows).extracting(f -> f.getFileName().toString()).contains("ci.yml", "deploy.yml");
            for (Path workflow : workflows) {
                JsonNode root = YAML.readTree(workflow.toFile());
                assertThat(root.path("on").isMissingNode()).as(workflow + " has triggers").isFalse();
                assertThat(root.path("jobs").size()).as(workflow + " has jobs").isPositive();
                root.path("jobs").forEach(job -> {
                    assertThat(job.path("runs-on").asText()).isNotBlank();
                    assertThat(job.path("steps").isArray()).isTrue();
                    job.path("steps").forEach(step -> assertThat(step.has("uses") || step.has("run"))
                            .as("each step uses an action or runs a command").isTrue());
                });
            }
        }
    }

    @Test
    void ciRunsTheCiScriptThenTheNativeTestsOnMandrelAndCancelsSupersededRuns() throws IOException {
        JsonNode ci = yaml(".github/workflows/ci.yml");
        assertThat(ci.path("concurrency").path("cancel-in-progress").asBoolean()).isTrue();
        assertThat(ci.path("on").has("push")).isTrue();
        assertThat(ci.path("on").has("pull_request")).isTrue();
        // GitHub runs the same script as CI here, and that script runs the README's test command.
        assertThat(runs(ci.path("jobs").path("jvm"))).anyMatch(r -> r.strip().equals(".ci/run"));
        assertThat(Files.readString(Path.of(".ci/run"))).contains("\n./mvnw -B -ntp verify\n");
        JsonNode nativeJob = ci.path("jobs").path("native");
        JsonNode graal = step(nativeJob, "graalvm/setup-graalvm");
        assertThat(graal.path("with").path("distribution").asText()).isEqualTo("mandrel");
        assertThat(runs(nativeJob)).anyMatch(r -> r.contains("-Pnative") && r.contains("verify"));
    }

    @Test
    void deployGoesToStagingThenProductionWithSmokeTestsAndRollback() throws IOException {
        JsonNode deploy = yaml(".github/workflows/deploy.yml");
        assertThat(deploy.path("on").path("push").path("branches").toString()).contains("main");
        JsonNode inputs = deploy.path("on").path("workflow_dispatch").path("inputs");
        assertThat(inputs.has("environment")).isTrue();
        assertThat(inputs.has("version")).isTrue();
        JsonNode staging = deploy.path("jobs").path("staging");
        JsonNode production = deploy.path("jobs").path("production");
        assertThat(production.path("needs").asText()).isEqualTo("staging");
        for (JsonNode job : List.of(staging, production)) {
            assertThat(step(job, "superfly/flyctl-actions").isMissingNode()).isFalse();
            assertThat(runs(job)).anyMatch(r -> r.contains("smoke-test.sh"));
            assertThat(runs(job)).anyMatch(r -> r.contains("flyctl deploy"));
            JsonNode rollback = stream(job.path("steps")).filter(s -> s.path("name").asText().contains("Roll back")).findFirst().orElseThrow();
            assertThat(rollback.path("if").asText()).contains("failure()");
        }
        String smoke = Files.readString(ROOT.resolve(".github/smoke-test.sh"));
        assertThat(smoke).contains("/health").contains("systemHealth");
        assertThat(Files.isExecutable(ROOT.resolve(".github/smoke-test.sh"))).isTrue();
    }

    @Test
    void flyTomlMatchesTheImageAndTheApplication() throws IOException {
        JsonNode fly = TOML.readTree(ROOT.resolve("fly.toml").toFile());
        JsonNode http = fly.path("http_service");
        String port = appDefaultPort();
        assertThat(http.path("internal_port").asText()).isEqualTo(port);
        assertThat(fly.path("env").path("PORT").asText()).isEqualTo(port);
        assertThat(fly.path("env").path("ENVIRONMENT").asText()).isEqualTo("production");
        assertThat(http.path("auto_stop_machines").asText()).isEqualTo("stop");
        assertThat(http.path("auto_start_machines").asBoolean()).isTrue();
        assertThat(http.path("min_machines_running").asInt()).isZero();
        assertThat(http.path("concurrency").path("type").asText()).isEqualTo("connections");
        assertThat(stream(http.path("checks")).map(c -> c.path("path").asText()).toList())
                .containsExactlyInAnyOrder("/q/health/live", "/q/health/ready");
        assertThat(fly.path("build").path("dockerfile").asText()).isEqualTo("Dockerfile");
        // The embedded store on a volume; Fly's scraper on the Micrometer registry.
        assertThat(fly.path("mounts").path("destination").asText()).isEqualTo(fly.path("env").path("DATA_DIR").asText())
                .isEqualTo("/data");
        assertThat(fly.path("mounts").path("source").asText()).isNotBlank();
        assertThat(fly.path("metrics").path("port").asText()).isEqualTo(port);
        assertThat(fly.path("metrics").path("path").asText()).isEqualTo("/q/metrics");
        // Fly's SIGKILL comes kill_timeout after its SIGTERM: the grace period must end before it.
        java.time.Duration kill = java.time.Duration.parse("PT" + fly.path("kill_timeout").asText().toUpperCase());
        java.time.Duration grace = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("workbench.app.shutdown-grace", java.time.Duration.class)
                .plus(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.shutdown.timeout", java.time.Duration.class));
        assertThat(grace).isLessThan(kill);
        String flyText = Files.readString(ROOT.resolve("fly.toml"));
        assertThat(flyText).contains("fly secrets set").doesNotContainPattern("JWT_SECRET_KEY\\s*=\\s*\"");
    }

    @Test
    void dockerfilesBuildOnMandrelAndRunAsNonRootWithBubblewrapOnThePortFlyExpects() throws IOException {
        String port = appDefaultPort();
        String nativeFile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(nativeFile).contains("FROM quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25 AS build")
                .contains("-Pnative").contains("FROM debian:bookworm-slim")
                .contains("EXPOSE " + port).contains("bubblewrap git");
        // Root only to hand the volume at DATA_DIR to the service's user; the service itself never runs as root.
        assertThat(entrypoint(nativeFile)).contains("chown 1001:root /data").contains("exec setpriv --reuid=1001 --regid=0 --clear-groups ./application")
                .doesNotContain("./application;");
        assertThat(nativeFile).contains("DATA_DIR=/data");
        String jvmFile = Files.readString(ROOT.resolve("src/main/docker/Dockerfile.jvm"));
        assertThat(jvmFile).contains("-XX:AOTCacheOutput=app.aot").contains("-XX:AOTCache=").contains("EXPOSE " + port)
                .contains("bubblewrap git");
        assertThat(entrypoint(jvmFile)).contains("chown 185:0 /data").contains("exec setpriv --reuid=185 --regid=0 --clear-groups java");
        assertThat(jvmFile).contains("DATA_DIR=/data");
        String ignore = Files.readString(ROOT.resolve(".dockerignore"));
        assertThat(ignore).contains("**/target/").contains("**/.env");
    }

    private static String entrypoint(String dockerfile) {
        List<String> entrypoints = dockerfile.lines().filter(l -> l.startsWith("ENTRYPOINT ")).toList();
        return entrypoints.get(entrypoints.size() - 1);
    }


    private static JsonNode step(JsonNode job, String action) {
        return stream(job.path("steps")).filter(s -> s.path("uses").asText().startsWith(action)).findFirst()
                .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    private static List<String> runs(JsonNode job) {
        List<String> runs = new ArrayList<>();
        job.path("steps").forEach(s -> runs.add(s.path("run").asText()));
        return runs;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
