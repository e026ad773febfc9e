package camelback.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * An HTTP proxy on 127.0.0.1 in front of a real S3 server (S3Proxy) that injects the faults a healthy server does not
 * produce: a connection dropped while a request or response body is on its way, a 503 SlowDown, a server that takes a
 * request and never answers, an answer that stops halfway with the connection left open, or one that comes slowly, as
 * over a slow link. Every other request
 * goes through unchanged (the client's signature still holds: the Host header is passed on as sent, and only headers
 * SigV4 does not sign, Connection and Expect, are rewritten). One request per connection upstream, answered with
 * {@code Connection: close}, so the client opens a new connection for the next. It also records the requests' headers,
 * for what S3Proxy accepts without checking (a session token).
 */
public final class FaultyS3Proxy implements AutoCloseable {

    /** What happens to a request a rule matches. */
    public enum Fault {
        /** Half the request body is read, then the connection is closed without an answer. */
        DROP_REQUEST_BODY,
        /** The server's answer is passed on with half its body, then the connection is closed. */
        DROP_RESPONSE_BODY,
        /** Answered 503 SlowDown without reaching the server. */
        SLOW_DOWN,
        /** Answered 403 AccessDenied without reaching the server, as a bucket policy that forbids the request would. */
        ACCESS_DENIED,
        /** The request is read and never answered; the connection stays open until the proxy closes. */
        NO_ANSWER,
        /** The server's answer is passed on with half its body; then nothing more comes, the connection held open. */
        STALL_RESPONSE_BODY,
        /**
         * The server's answer is passed on whole, its body in {@link #TRICKLE_PIECES} pieces {@link #TRICKLE_PAUSE_MILLIS}
         * apart, as a big object comes over a slow link.
         */
        TRICKLE_RESPONSE_BODY
    }

    public static final int TRICKLE_PIECES = 20;
    public static final long TRICKLE_PAUSE_MILLIS = 200;

    private record Rule(String method, Pattern path, Fault fault, int[] left) {
    }

    private final URI upstream;
    private final ServerSocket server;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> faulted = new CopyOnWriteArrayList<>();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;

    public FaultyS3Proxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "faulty-s3-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code http://127.0.0.1:PORT}, to use as the S3 endpoint. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The next {@code times} requests of {@code method} whose path and query match {@code path} get {@code fault}. */
    public FaultyS3Proxy inject(String method, String path, Fault fault, int times) {
        rules.add(new Rule(method, Pattern.compile(path), fault, new int[] {times}));
        return this;
    }

    /** The request line and headers of every request, in order. */
    public List<String> requestHeads() {
        return List.copyOf(heads);
    }

    /** "METHOD path" of every request that got a fault, in order. */
    public List<String> faulted() {
        return List.copyOf(faulted);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        closing.countDown();
        server.close();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "faulty-s3-proxy-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("faulty S3 proxy stopped accepting", e);
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                heads.add(head);
                List<String> lines = new ArrayList<>(List.of(head.split("\r\n")));
                String[] requestLine = lines.get(0).split(" ");
                String method = requestLine[0];
                String path = requestLine[1];
                long length = 0;
                boolean expectContinue = false;
                for (String line : lines.subList(1, lines.size())) {
                    String name = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                    String value = line.substring(line.indexOf(':') + 1).trim();
                    if (name.equals("content-length")) {
                        length = Long.parseLong(value);
                    } else if (name.equals("expect")) {
                        expectContinue = value.equalsIgnoreCase("100-continue");
                    } else if (name.equals("transfer-encoding")) {
                        throw new IOException("chunked request bodies are not supported by this proxy");
                    }
                }
                lines.removeIf(l -> l.toLowerCase(Locale.ROOT).startsWith("connection:")
                        || l.toLowerCase(Locale.ROOT).startsWith("expect:"));
                lines.add("Connection: close");
                if (expectContinue) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                Fault fault = take(method, path);
                if (fault != null) {
                    faulted.add(method + " " + path);
                }
                if (fault == Fault.DROP_REQUEST_BODY) {
                    in.readNBytes((int) Math.min(length / 2, Integer.MAX_VALUE));
                    return;
                }
                byte[] body = in.readNBytes(Math.toIntExact(length));
                if (fault == Fault.SLOW_DOWN) {
                    answerError(out, "503 Service Unavailable", "SlowDown", "Please reduce your request rate.");
                    continue;
                }
                if (fault == Fault.ACCESS_DENIED) {
                    answerError(out, "403 Forbidden", "AccessDenied", "Access Denied");
                    continue;
                }
                if (fault == Fault.NO_ANSWER) {
                    holdUntilClosed();
                    return;
                }
                byte[] response = forward(String.join("\r\n", lines) + "\r\n\r\n", body);
                int bodyStart = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)) + 4;
                if (fault == Fault.DROP_RESPONSE_BODY || fault == Fault.STALL_RESPONSE_BODY) {
                    out.write(response, 0, bodyStart + (response.length - bodyStart) / 2);
                    out.flush();
                    if (fault == Fault.STALL_RESPONSE_BODY) {
                        holdUntilClosed();
                    }
                    return;
                }
                if (fault == Fault.TRICKLE_RESPONSE_BODY) {
                    trickle(out, response, bodyStart);
                    return;
                }
                out.write(response);
                out.flush();
                // the server answered "Connection: close": so does this proxy
                return;
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    /** Keeps the connection open, saying nothing, until the proxy closes. */
    private void holdUntilClosed() throws IOException {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while holding a connection");
        }
    }

    private static void trickle(OutputStream out, byte[] response, int bodyStart) throws IOException {
        out.write(response, 0, bodyStart);
        out.flush();
        int length = response.length - bodyStart;
        for (int piece = 0; piece < TRICKLE_PIECES; piece++) {
            int from = bodyStart + (int) ((long) length * piece / TRICKLE_PIECES);
            int to = bodyStart + (int) ((long) length * (piece + 1) / TRICKLE_PIECES);
            try {
                Thread.sleep(TRICKLE_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while passing an answer on");
            }
            out.write(response, from, to - from);
            out.flush();
        }
    }

    private static void answerError(OutputStream out, String status, String code, String message) throws IOException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/xml\r\nContent-Length: " + xml.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(xml);
        out.flush();
    }

    private synchronized Fault take(String method, String path) {
        for (Rule r : rules) {
            if (r.left()[0] > 0 && r.method().equals(method) && r.path().matcher(path).find()) {
                r.left()[0]--;
                return r.fault();
            }
        }
        return null;
    }

    /** Sends one request to the real server and returns its whole answer (it closes the connection after it). */
    private byte[] forward(String head, byte[] body) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), 10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return s.getInputStream().readAllBytes();
        }
    }

    /** The request line and headers up to the blank line, or null when the client closed the connection. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no end of headers in the server's answer");
    }
}
