package dev.inkwell.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay in front of a server that can go silent the way a server does whose machine lost
 * power or its network: connections stay open, nothing is answered, nothing is reset. New
 * connections are still accepted and then ignored, as a half-dead host's kernel may do.
 */
public final class SilentRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean silent;

    public SilentRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on no byte passes in either direction and no connection is closed. */
    public void goSilent() {
        silent = true;
    }

    private Void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (silent) {
                    threads.submit(() -> drain(client));
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(server);
                threads.submit(() -> relay(client, server));
                threads.submit(() -> relay(server, client));
            } catch (IOException closedOrRefused) {
                // closed by close(), or the server is down: the client sees its connection end
            }
        }
        return null;
    }

    /** Copies one direction; the sockets stay open until {@link #close()}, as a silent host keeps them. */
    private Void relay(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (!silent) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
            if (!silent) {
                to.shutdownOutput();
            }
        } catch (IOException e) {
            // one side went away; close() closes both
        }
        return null;
    }

    /** Reads and drops what a client sends, so its writes never block and it waits for an answer. */
    private Void drain(Socket client) {
        byte[] buffer = new byte[16384];
        try {
            InputStream in = client.getInputStream();
            while (in.read(buffer) >= 0) {
                // dropped
            }
        } catch (IOException e) {
            // closed
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
