import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One audit entry written per call, three ways, into the same throwaway PostgreSQL (bench/store.sh):
 * JDBC through an Agroal pool on virtual threads (what the service uses), the reactive Vert.x
 * PostgreSQL client (the alternative the issue names), and the embedded store's append + fsync. Each:
 * N calls one after another (latency), then N calls from C concurrent callers (throughput).
 *   java -cp <app libs>:<vertx-pg-client> bench/StoreBench.java PORT N C DATA_DIR
 */
public class StoreBench {

    static final String ENTRY = "{\"timestamp\":\"2026-11-27T10:00:00Z\",\"user\":\"ceo\",\"command\":\"git status\",\"service\":\"api\","
            + "\"status\":\"success\",\"exit_code\":0,\"duration_ms\":41,\"output_preview\":\"On branch main\\nnothing to commit\"}";
    static final String INSERT = "INSERT INTO bench_audit (at, entry) VALUES ($1, CAST($2 AS jsonb))";

    interface Write {
        CompletableFuture<Void> once();
    }

    record Result(String name, double p50, double p99, double perSecond) {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        int c = Integer.parseInt(args[2]);
        Path data = Path.of(args[3]);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        List<Result> results = new ArrayList<>();

        AgroalDataSource jdbc = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(pool -> pool
                .maxSize(8).connectionFactoryConfiguration(factory -> factory.jdbcUrl(url).principal(new NamePrincipal("bench")))));
        try (Connection connection = jdbc.getConnection()) {
            connection.createStatement().execute("DROP TABLE IF EXISTS bench_audit");
            connection.createStatement().execute("CREATE TABLE bench_audit (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL, entry JSONB NOT NULL)");
        }
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        results.add(measure("JDBC, Agroal pool of 8, virtual threads", n, c, () -> CompletableFuture.runAsync(() -> {
            try (Connection connection = jdbc.getConnection();
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_audit (at, entry) VALUES (?, CAST(? AS jsonb))")) {
                insert.setTimestamp(1, new Timestamp(System.currentTimeMillis()));
                insert.setString(2, ENTRY);
                insert.executeUpdate();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, threads)));

        Vertx vertx = Vertx.vertx();
        Pool reactive = PgBuilder.pool().with(new PoolOptions().setMaxSize(8))
                .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase("postgres").setUser("bench"))
                .using(vertx).build();
        results.add(measure("reactive Vert.x PG client, pool of 8", n, c, () -> reactive.preparedQuery(INSERT)
                .execute(Tuple.of(OffsetDateTime.now(), ENTRY)).<Void>mapEmpty().toCompletionStage().toCompletableFuture()));

        Files.createDirectories(data);
        FileChannel file = FileChannel.open(data.resolve("audit.jsonl"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        byte[] line = (ENTRY + "\n").getBytes(StandardCharsets.UTF_8);
        Object lock = new Object();
        results.add(measure("embedded: append + fsync (DATA_DIR's disk)", n, c, () -> CompletableFuture.runAsync(() -> {
            synchronized (lock) {
                try {
                    file.write(ByteBuffer.wrap(line));
                    file.force(false);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }
        }, threads)));

        double base = results.get(0).perSecond();
        System.out.printf("%n%-45s %10s %10s %14s %8s%n", "one audit entry per call", "p50 µs", "p99 µs", c + " callers/s", "vs JDBC");
        for (Result r : results) {
            System.out.printf("%-45s %10.0f %10.0f %14.0f %7.2fx%n", r.name(), r.p50(), r.p99(), r.perSecond(), r.perSecond() / base);
        }
        reactive.close();
        vertx.close();
        jdbc.close();
        threads.shutdown();
        file.close();
    }

    static Result measure(String name, int n, int c, Write write) throws Exception {
        for (int i = 0; i < Math.min(500, n); i++) {
            write.once().get(10, TimeUnit.SECONDS); // warm-up
        }
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            write.once().get(10, TimeUnit.SECONDS);
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        Semaphore inFlight = new Semaphore(c);
        List<CompletableFuture<Void>> all = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            all.add(write.once().whenComplete((ok, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, micros[n / 2], micros[n * 99 / 100], n / seconds);
    }
}
