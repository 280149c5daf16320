import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP/1.1 client with a bounded pool of kept-alive connections, for open-loop probes: a request
 * beyond the pool waits in the client's queue (its wait is part of the latency measured) instead of
 * opening yet another connection. {@code java.net.http.HttpClient} opens one connection per request in
 * flight, so at 1,000 requests/s with answers held by {@code minVersion} it spent a whole core on
 * connections and timed out connecting: the probe, not Accord, was what it measured.
 */
final class PooledHttp implements AutoCloseable {

    /** A status and a body. */
    record Answer(int status, String body) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client;
    private final String host;
    private final int port;
    private final String basePath;

    PooledHttp(String api, int connections) {
        URI uri = URI.create(api);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.basePath = uri.getPath();
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    CompletableFuture<Answer> post(String path, String json) {
        return send(HttpMethod.POST, path, json);
    }

    CompletableFuture<Answer> get(String path) {
        return send(HttpMethod.GET, path, null);
    }

    private CompletableFuture<Answer> send(HttpMethod method, String path, String json) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        RequestOptions request = new RequestOptions().setMethod(method).setHost(host).setPort(port)
                .setURI(basePath + path).setTimeout(60_000).addHeader("Accept", "application/json")
                .addHeader("X-Correlation-Id", "accord-bench-probe");
        if (json != null) {
            request.addHeader("Content-Type", "application/json");
        }
        client.request(request)
                .compose(sending -> json == null ? sending.send() : sending.send(Buffer.buffer(json)))
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString())))
                .onComplete(done -> {
                    if (done.succeeded()) {
                        answer.complete(done.result());
                    } else {
                        answer.completeExceptionally(done.cause());
                    }
                });
        return answer;
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
