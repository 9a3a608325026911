package dev.chatsuite.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP/1.1 written byte by byte on a plain socket, as a hostile client writes it: paths are sent
 * exactly as given (no normalisation), bodies may be chunked without end, and each client comes
 * from its own loopback address (127.0.x.y) so its per-IP rate-limit buckets are its own.
 */
final class RawHttp {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "raw-http-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    record Answer(int status, Map<String, String> headers, String body, long bytesSentBeforeAnswer) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean isProblem() {
            return String.valueOf(header("content-type")).startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + headers.getOrDefault("content-type", "") + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    private final String host;
    private final int port;
    private final InetAddress source;

    private RawHttp(String baseUrl, InetAddress source) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.source = source;
    }

    /** A client of the gateway from a loopback address no other client of this run uses. */
    static RawHttp fromNewAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        try {
            return new RawHttp(RunningSuite.gateway(), InetAddress.getByAddress(new byte[] { 127, 0, (byte) (1 + n / 250), (byte) (1 + n % 250) }));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String sourceAddress() {
        return source.getHostAddress();
    }

    Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getByName(host), port, source, 0);
        socket.setSoTimeout(15_000);
        return socket;
    }

    /** One request with a Content-Length body (or none); {@code headers} are written as given. */
    Answer send(String method, String path, Map<String, String> headers, String body) throws IOException {
        return sendBytes(method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** An upload of one {@code file} part (image/png) with a bearer token. */
    Answer multipart(String path, String bearer, byte[] png) throws IOException {
        String boundary = "b" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(png);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return sendBytes("POST", path, Map.of("Authorization", "Bearer " + bearer, "Content-Type", "multipart/form-data; boundary=" + boundary),
                body.toByteArray());
    }

    Answer sendBytes(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket socket = connect()) {
            byte[] bytes = body == null ? new byte[0] : body;
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(bytes.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            return read(socket.getInputStream(), bytes.length);
        }
    }

    Answer json(String method, String path, String bearer, String body) throws IOException {
        Map<String, String> headers = new TreeMap<>(Map.of("Content-Type", "application/json"));
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        return send(method, path, headers, body);
    }

    /**
     * A chunked body of up to {@code maxBytes}, written in 64 KiB chunks until the server answers
     * (or stops reading); the answer records how much had been sent by then.
     */
    Answer chunked(String method, String path, Map<String, String> headers, long maxBytes) throws IOException {
        try (Socket socket = connect()) {
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            chunk[0] = '{';
            byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            long sent = 0;
            // A server that stops reading without answering would block the writes for ever.
            java.util.concurrent.ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> closeQuietly(socket), 20, java.util.concurrent.TimeUnit.SECONDS);
            try {
                while (sent < maxBytes && in.available() == 0) {
                    out.write(chunkHead);
                    out.write(chunk);
                    out.write('\r');
                    out.write('\n');
                    out.flush();
                    sent += chunk.length;
                    chunk[0] = ' ';
                    // Paced, so an early answer is read before a write to a closed connection resets it.
                    Thread.sleep(1);
                }
                if (in.available() == 0) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException closedByServer) {
                // The server answered and closed while the body was still coming: read its answer.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                return read(in, sent);
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    private static Answer read(InputStream in, long sent) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                all.write(buffer, 0, read);
                if (complete(all.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException stopped) {
            if (all.size() == 0) {
                return new Answer(0, Map.of(), "no answer: " + stopped.getMessage(), sent);
            }
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Answer(0, Map.of(), "incomplete answer: " + text, sent);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body, sent);
    }

    /** Whether a whole answer (head and a Content-Length or chunked body) has arrived. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(head);
        if (length.find()) {
            return text.length() - end - 4 >= Integer.parseInt(length.group(1));
        }
        if (head.contains("transfer-encoding: chunked")) {
            return text.endsWith("0\r\n\r\n");
        }
        return head.startsWith("http/1.1 101") || head.startsWith("http/1.1 204") || head.startsWith("http/1.1 304");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing on purpose.
        }
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int line = body.indexOf("\r\n", at);
            if (line < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, line).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, line + 2, Math.min(body.length(), line + 2 + size));
            at = line + 2 + size + 2;
        }
        return out.toString();
    }
}
