package dev.chatsuite.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.chatsuite.testsupport.HttpResponses;

/** A client that writes a request byte by byte on a socket, for framings RestAssured will not send. */
public final class RawHttp {

    private RawHttp() {
    }

    /** What came back while a chunked body was being sent, and how much of it the client had written. */
    public record ChunkedOutcome(String response, long bytesWritten, boolean closedByServer) {
        public int status() {
            return response.length() > 12 && response.startsWith("HTTP/1.1 ") ? Integer.parseInt(response.substring(9, 12)) : -1;
        }
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line) with
     * {@code Transfer-Encoding: chunked}, then up to {@code totalBytes} of body in 64 KiB chunks,
     * stopping when the server answers or closes.
     */
    public static ChunkedOutcome sendChunked(URL root, String head, long totalBytes) throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return HttpResponses.read(socket.getInputStream());
                } catch (IOException e) {
                    return "";
                }
            });
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            long written = 0;
            try {
                while (written < totalBytes && !answer.isDone()) {
                    out.write(chunkHead);
                    out.write(chunk);
                    out.write('\r');
                    out.write('\n');
                    written += chunk.length;
                }
                if (!answer.isDone()) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException closed) {
                // The server closed the connection: what it answered is read below.
            }
            String response = answer.get(30, TimeUnit.SECONDS);
            boolean closed;
            try {
                closed = socket.getInputStream().read() < 0;
            } catch (IOException e) {
                closed = true;
            }
            return new ChunkedOutcome(response, written, closed);
        }
    }

    /** One request sent exactly as spelled (no client-side path normalisation); the status and the whole response. */
    public static ChunkedOutcome exchange(URL root, String method, String target, String headers, String body) throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + (headers.isEmpty() ? "" : headers + "\r\n")
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            return new ChunkedOutcome(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8), bytes.length, true);
        }
    }

    /** Sends only a request head (its Content-Length promises a body that never comes) and reads one response. */
    public static String headOnly(URL root, String head) throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return HttpResponses.read(socket.getInputStream());
        }
    }
}
