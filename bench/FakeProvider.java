import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible provider for benchmarks: every POST /v1/chat/completions streams TOKENS
 * one-word chunks, DELAY_MS apart (0: as fast as possible), then [DONE].
 * JDK only: java bench/FakeProvider.java PORT TOKENS DELAY_MS
 */
public class FakeProvider {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int tokens = Integer.parseInt(args[1]);
        long delay = Long.parseLong(args[2]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < tokens; i++) {
                    out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok" + i + " \"},\"finish_reason\":null}]}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    if (delay > 0) {
                        out.flush();
                        Thread.sleep(delay);
                    }
                }
                out.write("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"
                        .getBytes(StandardCharsets.UTF_8));
            } catch (Exception clientGone) {
                // the client closed the stream
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        System.out.println("fake provider on " + port);
    }
}
