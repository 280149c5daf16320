package dev.accord.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Local TCP port checks for the embedded servers, which all listen on the loopback interface. */
final class Ports {

    private Ports() {
    }

    /**
     * Fails with a readable message when the port is taken. PostgreSQL would otherwise only
     * time out, and Kafka would fail deep inside its socket server.
     */
    static void requireFree(int port, String server) {
        if (!isFree(port)) {
            throw new EmbeddedStartupException(EmbeddedStartupException.Reason.PORT_IN_USE,
                    "port " + port + " for the embedded " + server + " is already in use by another process");
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ports the operating system considers free right now, all distinct. */
    static int[] free(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                // Held open together so that the kernel cannot hand out the same port twice.
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // nothing was listening on it yet
                    }
                }
            }
        }
    }
}
