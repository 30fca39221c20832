import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Opens COUNT concurrent agent streams against the service and holds them open, then prints how
 * many delivered their first token and the service's resident memory. JDK only:
 * java bench/StreamClients.java URL TOKEN COUNT SERVICE_PID
 */
public class StreamClients {
    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String token = args[1];
        int count = Integer.parseInt(args[2]);
        long pid = Long.parseLong(args[3]);
        long before = rssKb(pid);
        String body = "{\"agent\":\"developer\",\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";
        CountDownLatch firstTokens = new CountDownLatch(count);
        AtomicInteger failed = new AtomicInteger();
        List<HttpClient> clients = new ArrayList<>();
        List<CompletableFuture<?>> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // One client per 200 streams: the JDK client keeps one connection per concurrent HTTP/1.1 stream anyway.
            if (i % 200 == 0) {
                clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build());
            }
            HttpRequest request = HttpRequest.newBuilder(url).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            streams.add(clients.get(clients.size() - 1).sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> {
                        Stream<String> lines = response.body();
                        lines.filter(line -> line.contains("\"token\"")).findFirst().ifPresent(first -> firstTokens.countDown());
                    })
                    .exceptionally(e -> {
                        failed.incrementAndGet();
                        firstTokens.countDown();
                        return null;
                    }));
        }
        boolean all = firstTokens.await(120, TimeUnit.SECONDS);
        Thread.sleep(2000);
        long after = rssKb(pid);
        System.out.printf("streams open: %d of %d (%d failed)%s%n", count - failed.get() - (int) firstTokens.getCount(), count,
                failed.get(), all ? "" : ", timed out waiting");
        System.out.printf("service RSS: %d MiB before, %d MiB with the streams open (%.1f KiB per stream)%n",
                before / 1024, after / 1024, (after - before) / (double) count);
        System.exit(0);
    }

    static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
