package dev.accord.webhook;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver on 127.0.0.1, as a subscriber would run one: it records every request, per
 * path, and answers with the status its path's behaviour gives for the n-th request (from 1).
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, IntUnaryOperator> behaviours = new ConcurrentHashMap<>();

    private Receiver(HttpServer server) {
        this.server = server;
    }

    static Receiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Receiver receiver = new Receiver(server);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                List<Received> requests = receiver.received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>());
                requests.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
                int status = receiver.behaviours.getOrDefault(path, n -> 204).applyAsInt(requests.size());
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A URL of this receiver that answers 204 to everything. */
    String url(String path) {
        return url(path, n -> 204);
    }

    /** A URL of this receiver whose n-th request is answered {@code status.applyAsInt(n)}. */
    String url(String path, IntUnaryOperator status) {
        behaviours.put(path, status);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> at(String path) {
        return new ArrayList<>(received.getOrDefault(path, List.of()));
    }

    /** Waits up to {@code within} for the path to have received {@code count} requests, and answers them. */
    List<Received> awaitAt(String path, int count, Duration within) {
        eventually(() -> at(path).size() >= count, within, path + " received " + count + " requests");
        return at(path);
    }

    static void eventually(BooleanSupplier condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
