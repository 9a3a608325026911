package dev.chatsuite.gateway.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A hand-written WebSocket upgrade over a plain socket, to read the exact answer head (status
 * line and every header, such as the Set-Cookie lines of a 101) and to drop the connection
 * without a close frame.
 */
final class RawUpgrade implements AutoCloseable {

    final Socket socket;
    final int status;
    final List<String> headerLines = new ArrayList<>();

    private RawUpgrade(Socket socket, int status) {
        this.socket = socket;
        this.status = status;
    }

    static RawUpgrade open(URL root, String uri, Map<String, String> headers) throws IOException {
        Socket socket = new Socket(root.getHost(), root.getPort());
        socket.setSoTimeout(20_000);
        StringBuilder request = new StringBuilder("GET " + uri + " HTTP/1.1\r\n")
                .append("Host: ").append(root.getHost()).append(':').append(root.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)))
                .append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        List<String> lines = readHead(socket.getInputStream());
        RawUpgrade upgrade = new RawUpgrade(socket, Integer.parseInt(lines.get(0).split(" ")[1]));
        upgrade.headerLines.addAll(lines.subList(1, lines.size()));
        return upgrade;
    }

    /** Values of one header, in order (name compared without case). */
    List<String> header(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return headerLines.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(line -> line.substring(prefix.length()).trim()).toList();
    }

    /** Reads binary frames up to a text frame; answers how many payload bytes they carried. */
    long readBinaryUntilText() throws IOException {
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
        long total = 0;
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0f;
            int length = in.readUnsignedByte() & 0x7f;
            long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
            in.skipNBytes(size);
            if (opcode == 0x1) {
                return total;
            }
            if (opcode != 0x2 && opcode != 0x0) {
                throw new AssertionError("unexpected opcode " + opcode);
            }
            total += size;
        }
    }

    /** Reads the server's next frame, which must be a close frame, and answers its status code. */
    int readCloseCode() throws IOException {
        InputStream in = socket.getInputStream();
        int opcode = in.read() & 0x0f;
        int length = in.read() & 0x7f;
        if (opcode != 0x8 || length < 2) {
            throw new AssertionError("expected a close frame, got opcode " + opcode + " of length " + length);
        }
        return (in.read() << 8) | in.read();
    }

    /** A close frame the server sent, and how many text frames came before it. */
    record Close(int code, String reason, int texts) {
    }

    /** Reads frames up to the server's close frame, skipping data frames; answers the close and the texts counted. */
    Close readUntilClose() throws IOException {
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
        int texts = 0;
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0f;
            int length = in.readUnsignedByte() & 0x7f;
            long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
            if (opcode == 0x8) {
                byte[] payload = in.readNBytes((int) size);
                if (payload.length < 2) {
                    throw new AssertionError("a close frame without a code");
                }
                int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
                return new Close(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8), texts);
            }
            in.skipNBytes(size);
            if (opcode == 0x1) {
                texts++;
            }
        }
    }

    /** Reads byte by byte up to the blank line, so no frame byte after the head is consumed. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the answer head");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
            previous = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
