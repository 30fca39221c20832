import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Opens COUNT WebSocket clients on /ws, waits for each one's first heartbeat, holds them, and
 * prints the service's resident memory and thread count before and after. JDK only:
 * java bench/SocketClients.java WS_URL COUNT SERVICE_PID
 */
public class SocketClients {
    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int count = Integer.parseInt(args[1]);
        long pid = Long.parseLong(args[2]);
        long[] before = stats(pid);
        CountDownLatch beats = new CountDownLatch(count);
        List<WebSocket> sockets = new ArrayList<>();
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i % 500 == 0) {
                clients.add(HttpClient.newHttpClient());
            }
            sockets.add(clients.get(clients.size() - 1).newWebSocketBuilder().buildAsync(url, new WebSocket.Listener() {
                boolean first = true;

                @Override
                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                    if (first && data.toString().contains("heartbeat")) {
                        first = false;
                        beats.countDown();
                    }
                    socket.request(1);
                    return null;
                }
            }).join());
        }
        boolean all = beats.await(60, TimeUnit.SECONDS);
        Thread.sleep(3000);
        long[] after = stats(pid);
        System.out.printf("websocket clients: %d open, %s sent a heartbeat%n", sockets.size(), all ? "all" : "not all");
        System.out.printf("service RSS %d -> %d MiB (%.1f KiB per client), threads %d -> %d%n",
                before[0] / 1024, after[0] / 1024, (after[0] - before[0]) / (double) count, before[1], after[1]);
        System.exit(0);
    }

    static long[] stats(long pid) throws Exception {
        long rss = -1;
        long threads = -1;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new long[] {rss, threads};
    }
}
