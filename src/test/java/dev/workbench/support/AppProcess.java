package dev.workbench.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The packaged application (the jar, or the native binary in a native build) run as its own process, the way Fly runs
 * it: its settings from the environment, its output in a log file. Stopped with SIGTERM.
 */
public final class AppProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private Process process;

    public AppProcess(Map<String, String> environment, Path log) throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            this.port = free.getLocalPort();
        }
        this.environment = environment;
        this.log = log;
    }

    /** The native binary when the build made one ({@code -Pnative verify}), else the jar on this JVM. */
    public static List<String> command() {
        String nativeImage = System.getProperty("native.image.path");
        if (nativeImage != null && Files.isExecutable(Path.of(nativeImage))) {
            return List.of(nativeImage);
        }
        org.assertj.core.api.Assertions.assertThat(JAR).as("the packaged application; run through mvn verify").exists();
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
    }

    /** Starts it and waits until it is live. */
    public AppProcess start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Only what the test gives decides where state goes.
        List.of("AUDIT_LOG", "DATA_DIR", "DATABASE_URL").forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        process = builder.start();
        HttpClient client = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("The application exited at startup: " + Files.readString(log));
            }
            return client.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/live")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** A request to this instance. */
    public RequestSpecification given() {
        return RestAssured.given().baseUri(url());
    }

    /** A request to this instance as the admin. */
    public RequestSpecification admin(String token) {
        return given().auth().oauth2(token);
    }

    /** Logs in with {@code password} and returns the bearer token. */
    public String login(String password) {
        return given().contentType(ContentType.JSON).body("{\"username\":\"ceo\",\"password\":\"" + password + "\"}")
                .post("/auth/login").then().statusCode(200).extract().path("access_token");
    }

    /** SIGTERM, then waits for the exit. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("The application did not stop within 30 s of SIGTERM");
            }
        }
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
