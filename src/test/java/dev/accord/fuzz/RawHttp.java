package dev.accord.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, one connection per exchange. A client library would refuse or
 * repair most of what the fuzz run sends (raw bytes in the target, empty or oversized header
 * values, bodies that are not UTF-8), so the request goes out byte for byte as written.
 */
public final class RawHttp {

    /** What is sent: the request target is taken as Latin-1 so any byte can be placed in it. */
    public record Request(String method, String target, List<Header> headers, byte[] body) {

        public Request {
            headers = List.copyOf(headers);
        }

        public Request withHeader(String name, String value) {
            List<Header> changed = new ArrayList<>();
            for (Header header : headers) {
                if (!header.name().equalsIgnoreCase(name)) {
                    changed.add(header);
                }
            }
            changed.add(new Header(name, value));
            return new Request(method, target, changed, body);
        }

        public Optional<String> header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
        }

        /** One line a person can paste into a bug report; bytes outside printable ASCII as \xNN. */
        public String describe() {
            StringBuilder line = new StringBuilder(method).append(' ').append(printable(latin1(target), 300));
            for (Header header : headers) {
                line.append(" -H '").append(header.name()).append(": ")
                        .append(printable(latin1(header.value()), 120)).append('\'');
            }
            if (body != null) {
                line.append(" --data '").append(printable(body, 400)).append('\'');
            }
            return line.toString();
        }
    }

    public record Header(String name, String value) {
    }

    /** What came back; a server that closes the connection without answering gives status 0. */
    public record Response(int status, List<Header> headers, byte[] body) {

        public Optional<String> header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
        }

        public String contentType() {
            return header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String describe() {
            return status + " " + contentType() + " " + printable(body, 300);
        }
    }

    private static final int TIMEOUT_MILLIS = 20_000;

    private final String host;
    private final int port;

    public RawHttp(URI base) {
        this.host = base.getHost();
        this.port = base.getPort() == -1 ? 80 : base.getPort();
    }

    public static Request request(String method, String target, List<Header> headers, byte[] body) {
        return new Request(method, target, headers, body);
    }

    public static Request get(String target) {
        return new Request("GET", target, List.of(), null);
    }

    public static Request json(String method, String target, String body) {
        return new Request(method, target, List.of(new Header("Content-Type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    public Response send(Request request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head(request));
            if (request.body() != null) {
                out.write(request.body());
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new UncheckedIOException("no answer within " + TIMEOUT_MILLIS + " ms to " + request.describe(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("exchange failed: " + request.describe(), e);
        }
    }

    private byte[] head(Request request) {
        StringBuilder head = new StringBuilder()
                .append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n");
        for (Header header : request.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        if (request.body() != null) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int headEnd = -1;
        while (headEnd < 0) {
            int n = in.read(chunk);
            if (n < 0) {
                return received.size() == 0 ? new Response(0, List.of(), new byte[0]) : unterminated(received);
            }
            received.write(chunk, 0, n);
            headEnd = indexOf(received.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] all = received.toByteArray();
        String[] lines = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new Header(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
            }
        }
        Response head = new Response(status, headers, new byte[0]);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(all, headEnd + 4, all.length - headEnd - 4);
        if (head.contentType().startsWith("text/event-stream")) {
            // A stream does not end; its head is the answer.
            return new Response(status, headers, body.toByteArray());
        }
        Optional<Integer> length = head.header("Content-Length").map(Integer::parseInt);
        int n;
        while ((length.isEmpty() || body.size() < length.get()) && (n = in.read(chunk)) >= 0) {
            body.write(chunk, 0, n);
        }
        byte[] bytes = body.toByteArray();
        if (head.header("Transfer-Encoding").map(v -> v.equalsIgnoreCase("chunked")).orElse(false)) {
            bytes = dechunk(bytes);
        }
        return new Response(status, headers, bytes);
    }

    private static Response unterminated(ByteArrayOutputStream received) {
        throw new IllegalStateException("the server closed the connection inside the response head: "
                + printable(received.toByteArray(), 300));
    }

    private static byte[] dechunk(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < bytes.length) {
            int lineEnd = indexOf(Arrays.copyOfRange(bytes, at, bytes.length), new byte[] {'\r', '\n'});
            if (lineEnd < 0) {
                break;
            }
            String size = new String(bytes, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int length = Integer.parseInt(size, 16);
            at += lineEnd + 2;
            if (length == 0) {
                break;
            }
            out.write(bytes, at, Math.min(length, bytes.length - at));
            at += length + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String printable(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length && out.length() < max; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02X", b));
            }
        }
        if (out.length() >= max) {
            out.append("…(").append(bytes.length).append(" bytes)");
        }
        return out.toString();
    }
}
