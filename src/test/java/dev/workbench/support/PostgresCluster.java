package dev.workbench.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL server for the store's tests: Debian's (or any installed) server
 * binaries, a cluster in a temporary folder, a free loopback port, password authentication. As
 * root it runs as the {@code postgres} user (the server refuses root). Needs {@code postgresql}
 * installed ({@code .ci/run} installs it); set {@code PG_BIN} to point at another server's bin folder.
 */
public final class PostgresCluster implements AutoCloseable {

    public static final String USER = "workbench";
    /** Characters a URL must escape, so DATABASE_URL's decoding is proven. */
    public static final String PASSWORD = "p@ss:w/rd%+1";
    public static final String DATABASE = "workbench";

    private final Path bin;
    private final Path root;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresCluster(Path bin, Path root, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    public static PostgresCluster start() throws Exception {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path folder = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "workbench-pg",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        PostgresCluster cluster = new PostgresCluster(bin, folder, port, root);
        Path passwordFile = folder.resolve("pw");
        Files.writeString(passwordFile, PASSWORD + "\n");
        if (root) {
            cluster.run(List.of("chown", "-R", "postgres", folder.toString()), false);
        }
        cluster.run(List.of(bin.resolve("initdb").toString(), "-D", cluster.data.toString(), "-U", USER, "--pwfile=" + passwordFile,
                "-A", "scram-sha-256", "-E", "UTF8", "--no-sync"), true);
        cluster.begin();
        try (Connection admin = cluster.connect("postgres")) {
            admin.createStatement().execute("CREATE DATABASE " + DATABASE);
        }
        return cluster;
    }

    private static Path findBin() {
        String configured = System.getenv("PG_BIN");
        if (configured != null && Files.isExecutable(Path.of(configured, "initdb"))) {
            return Path.of(configured);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> v.getFileName().toString().matches("\\d+") ? Integer.parseInt(v.getFileName().toString()) : 0));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException ignored) {
                // fall through to PATH
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "initdb")) && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
                return Path.of(dir);
            }
        }
        throw new IllegalStateException("The store's tests need a PostgreSQL server: install it (apt-get install postgresql; "
                + ".ci/run does) or set PG_BIN to a folder with initdb and pg_ctl");
    }

    /** postgres://workbench:<escaped password>@127.0.0.1:<port>/workbench?sslmode=disable, as Fly sets it. */
    public String databaseUrl() {
        return "postgres://" + USER + ":" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:" + port + "/"
                + DATABASE + "?sslmode=disable";
    }

    public int port() {
        return port;
    }

    public Connection connect() throws SQLException {
        return connect(DATABASE);
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, PASSWORD);
    }

    /** Starts the server (again, on the same port and data). */
    public void begin() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", root.resolve("server.log").toString(), "-w",
                "-t", "30", "-o", "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), true);
    }

    /** Stops the server at once: its clients' connections are cut. */
    public void stop() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
    }

    private void run(List<String> command, boolean asServerUser) throws Exception {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } catch (IllegalStateException alreadyStopped) {
            // stopped by the test
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
