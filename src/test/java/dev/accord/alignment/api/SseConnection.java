package dev.accord.alignment.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Server-Sent Events client that reads only when asked, so a test can also play a reader that
 * falls behind. Events are parsed as the HTML standard describes (id, data, comment lines).
 */
final class SseConnection implements AutoCloseable {

    /**
     * One event as received: a comment-only event has no id and no data. {@code otherLines}
     * holds any line that is none of these (an event name, a retry, an unknown field).
     */
    record Event(String id, String data, List<String> comments, List<String> otherLines) {

        boolean isComment() {
            return data == null;
        }

        long version() {
            return Long.parseLong(id);
        }
    }

    private final HttpURLConnection connection;
    private final int status;
    private BufferedReader lines;

    private SseConnection(HttpURLConnection connection) throws IOException {
        this.connection = connection;
        this.status = connection.getResponseCode();
    }

    static SseConnection open(URL url, String lastEventId) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setRequestProperty("Accept", "text/event-stream");
        if (lastEventId != null) {
            connection.setRequestProperty("Last-Event-ID", lastEventId);
        }
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(15_000);
        return new SseConnection(connection);
    }

    int status() {
        return status;
    }

    String header(String name) {
        return connection.getHeaderField(name);
    }

    /** The body of an answer that is not a stream (an error). */
    String body() throws IOException {
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The next event, waiting at most {@code wait}; null when none came in time or the stream ended. */
    Event next(Duration wait) throws IOException {
        if (lines == null) {
            lines = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
        }
        long deadline = System.nanoTime() + wait.toNanos();
        String id = null;
        StringBuilder data = null;
        List<String> comments = new ArrayList<>();
        List<String> otherLines = new ArrayList<>();
        while (true) {
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (left <= 0) {
                return null;
            }
            connection.setReadTimeout((int) left);
            String line;
            try {
                line = lines.readLine();
            } catch (SocketTimeoutException quiet) {
                return null;
            }
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                if (data != null || !comments.isEmpty()) {
                    return new Event(id, data == null ? null : data.toString(), comments, otherLines);
                }
            } else if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(line.substring(5));
            } else {
                otherLines.add(line);
            }
        }
    }

    /** The next event that carries a state, skipping heartbeats; null when none came in time. */
    Event nextState(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        Event event;
        do {
            event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        } while (event != null && event.isComment());
        return event;
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
