package io.queuelens.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * WebSocket clients for the push benchmark that cost their machine little: a handshake over a plain
 * socket, then every socket read by one of a few selector threads that parse the server's frames in
 * place. The benchmark's clients share the server's 2 cores, and the JDK's {@code java.net.http}
 * WebSocket used 0.65 of a core for 5,000 subscribers (25,000 messages/s), CPU taken from the server in
 * the very bursts being measured. Real wallboards run on other machines; this client keeps the
 * measuring instrument's share small. It speaks only what the live channel needs: text frames from the
 * server (unmasked, possibly fragmented), ping (answered with a masked pong) and close.
 */
final class RawWebSockets implements AutoCloseable {

    /** What a subscriber does with a complete text message: its bytes and the wall-clock ms of the read that completed it. */
    interface Listener {
        void onText(byte[] payload, long arrivedMillis);
    }

    private final List<Reader> readers = new ArrayList<>();
    private int next;
    private final SecureRandom random = new SecureRandom();

    RawWebSockets(int threads) throws IOException {
        for (int i = 0; i < threads; i++) {
            Reader r = new Reader();
            readers.add(r);
            Thread t = new Thread(r, "raw-ws-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Opens a socket to {@code uri} (ws://) with these request headers; blocks until the server accepted the upgrade. */
    Connection connect(URI uri, Map<String, String> headers, Listener listener) throws IOException {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
        ch.socket().setTcpNoDelay(true);
        byte[] key = new byte[16];
        random.nextBytes(key);
        StringBuilder req = new StringBuilder()
                .append("GET ").append(uri.getRawPath()).append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                .append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort())
                .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ")
                .append(Base64.getEncoder().encodeToString(key)).append("\r\n");
        headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        req.append("\r\n");
        writeFully(ch, ByteBuffer.wrap(req.toString().getBytes(StandardCharsets.ISO_8859_1)));

        Connection c = new Connection(ch, listener);
        int headerEnd;
        while ((headerEnd = headerEnd(c.in)) < 0) {
            if (ch.read(c.in) < 0) {
                throw new IOException("the server closed the socket during the handshake");
            }
            if (!c.in.hasRemaining()) {
                c.grow();
            }
        }
        String head = new String(c.in.array(), 0, headerEnd, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.1 101")) {
            ch.close();
            throw new IOException("the server refused the upgrade: " + head.lines().findFirst().orElse(""));
        }
        // what came after the response's headers is already the first frame
        c.in.flip().position(headerEnd + 4);
        c.in.compact();
        ch.configureBlocking(false);
        Reader r = readers.get(next++ % readers.size());
        r.add(c);
        return c;
    }

    private static int headerEnd(ByteBuffer in) {
        byte[] a = in.array();
        for (int i = 0; i + 3 < in.position(); i++) {
            if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void writeFully(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    @Override
    public void close() {
        for (Reader r : readers) {
            r.stop();
        }
    }

    /** One socket: its read buffer (grown for a large frame) and a partial fragmented message. */
    static final class Connection {
        private final SocketChannel channel;
        private final Listener listener;
        private ByteBuffer in = ByteBuffer.allocate(8192);
        private byte[] fragments = new byte[0];
        private int fragmentLength;
        private volatile boolean closed;

        private Connection(SocketChannel channel, Listener listener) {
            this.channel = channel;
            this.listener = listener;
        }

        boolean isOpen() {
            return !closed && channel.isOpen();
        }

        void abort() {
            closed = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a benchmark's socket at the end: nothing to do about it
            }
        }

        private void grow() {
            ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
            in.flip();
            bigger.put(in);
            in = bigger;
        }

        /** Reads what the socket has and hands every complete text message to the listener. */
        private void readable() throws IOException {
            int n = channel.read(in);
            long arrived = System.currentTimeMillis();
            if (n < 0) {
                abort();
                return;
            }
            parseBuffered(arrived);
        }

        /** Hands every complete frame in the read buffer on, and keeps the rest for the next read. */
        private void parseBuffered(long arrived) throws IOException {
            in.flip();
            while (parseFrame(arrived)) {
                // one frame at a time until the buffer holds no complete frame
            }
            in.compact();
            if (!in.hasRemaining()) {
                grow();
            }
        }

        private boolean parseFrame(long arrived) throws IOException {
            int start = in.position();
            if (in.remaining() < 2) {
                return false;
            }
            byte[] a = in.array();
            int b0 = a[start] & 0xFF;
            int b1 = a[start + 1] & 0xFF;
            int header = 2;
            long length = b1 & 0x7F;
            if (length == 126) {
                if (in.remaining() < 4) {
                    return false;
                }
                length = ((a[start + 2] & 0xFF) << 8) | (a[start + 3] & 0xFF);
                header = 4;
            } else if (length == 127) {
                if (in.remaining() < 10) {
                    return false;
                }
                length = ByteBuffer.wrap(a, start + 2, 8).getLong();
                header = 10;
            }
            if ((b1 & 0x80) != 0) {
                throw new IOException("the server sent a masked frame");
            }
            if (in.remaining() < header + length) {
                if (header + length > in.capacity()) {
                    in.position(start);
                    in.compact();
                    while (in.capacity() < header + length) {
                        grow();
                    }
                    in.flip();
                }
                return false;
            }
            int payload = start + header;
            int len = (int) length;
            boolean fin = (b0 & 0x80) != 0;
            switch (b0 & 0x0F) {
                case 0x1, 0x0 -> {
                    if (fin && fragmentLength == 0) {
                        listener.onText(java.util.Arrays.copyOfRange(a, payload, payload + len), arrived);
                    } else {
                        if (fragments.length < fragmentLength + len) {
                            fragments = java.util.Arrays.copyOf(fragments, Math.max(fragmentLength + len, fragments.length * 2));
                        }
                        System.arraycopy(a, payload, fragments, fragmentLength, len);
                        fragmentLength += len;
                        if (fin) {
                            listener.onText(java.util.Arrays.copyOf(fragments, fragmentLength), arrived);
                            fragmentLength = 0;
                        }
                    }
                }
                case 0x9 -> pong(a, payload, len);
                case 0x8 -> abort();
                default -> { } // pong or reserved: nothing to do
            }
            in.position(payload + len);
            return !closed;
        }

        /** Answers a ping with its payload; a client's frames are masked (with a zero key: XOR leaves the bytes). */
        private void pong(byte[] a, int payload, int len) throws IOException {
            ByteBuffer out = ByteBuffer.allocate(6 + len);
            out.put((byte) 0x8A).put((byte) (0x80 | len)).putInt(0).put(a, payload, len).flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
        }
    }

    /** A selector thread reading its share of the sockets. */
    private static final class Reader implements Runnable {
        private final Selector selector;
        private final Queue<Connection> added = new ConcurrentLinkedQueue<>();
        private volatile boolean running = true;

        Reader() throws IOException {
            selector = Selector.open();
        }

        void add(Connection c) {
            added.add(c);
            selector.wakeup();
        }

        void stop() {
            running = false;
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select();
                    Connection c;
                    while ((c = added.poll()) != null) {
                        c.channel.register(selector, SelectionKey.OP_READ, c);
                        if (c.in.position() > 0) {
                            c.parseBuffered(System.currentTimeMillis()); // frames that came with the handshake's response
                        }
                    }
                    for (SelectionKey k : selector.selectedKeys()) {
                        Connection conn = (Connection) k.attachment();
                        try {
                            conn.readable();
                        } catch (IOException e) {
                            conn.abort();
                        }
                        if (!conn.isOpen()) {
                            k.cancel();
                        }
                    }
                    selector.selectedKeys().clear();
                }
                selector.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
