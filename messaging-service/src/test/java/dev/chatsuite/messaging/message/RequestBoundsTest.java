package dev.chatsuite.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import dev.chatsuite.messaging.ServiceStubs;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bodies are bounded while they stream, and a multipart post is refused before its files are read. */
@QuarkusTest
class RequestBoundsTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldRefuseAChunkedJsonBodyOverTheBoundBeforeItEnds() throws Exception {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/conversations/" + conversation + "/messages HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice.token()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[16 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            chunk[0] = '{';
            String answer = null;
            // Up to 2 MiB, never the final chunk: the answer must come while the body still streams.
            for (int i = 0; i < 128 && answer == null; i++) {
                try {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closedByServer) {
                    break;
                }
                chunk[0] = ' ';
                answer = answerIfAny(socket, 20);
            }
            if (answer == null) {
                answer = answerIfAny(socket, 5000);
            }
            assertThat(answer).as("an answer before the body ended").isNotNull();
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("application/problem+json");
        }
    }

    @Test
    void shouldRefuseADeclaredJsonBodyOverTheBoundAtOnce() throws Exception {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        try (Socket socket = open()) {
            socket.getOutputStream().write(("POST /api/conversations/" + conversation + "/messages HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + alice.token() + "\r\nContent-Type: application/json\r\nContent-Length: 2097152\r\n\r\n{\"body\":\"").getBytes(StandardCharsets.US_ASCII));
            String answer = answerIfAny(socket, 5000);
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("application/problem+json");
        }
    }

    @Test
    void shouldStillAcceptAnOrdinaryJsonPost() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        assertThat(Chat.posted(alice, conversation, "x".repeat(4000)).getString("body")).hasSize(4000);
    }

    @Test
    void shouldRefuseAMultipartPostFromANonParticipantBeforeReadingItsFiles() throws Exception {
        User alice = User.create();
        User mallory = User.create();
        String conversation = Chat.directId(alice, User.create());
        int uploadsBefore = ServiceStubs.uploads();
        try (Socket socket = open()) {
            String boundary = "b0undary";
            socket.getOutputStream().write(("POST /api/conversations/" + conversation + "/messages HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + mallory.token() + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: 52428800\r\n\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.png\"\r\nContent-Type: image/png\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[64 * 1024]);
            socket.getOutputStream().flush();
            String answer = answerIfAny(socket, 5000);
            assertThat(answer).as("answered before the 50 MB body was sent").isNotNull();
            assertThat(answer).startsWith("HTTP/1.1 404").containsIgnoringCase("application/problem+json");
        }
        assertThat(ServiceStubs.uploads()).isEqualTo(uploadsBefore);
    }

    private Socket open() throws IOException {
        Socket socket = new Socket(root.getHost(), root.getPort());
        socket.setSoTimeout(5000);
        return socket;
    }

    /** What the server has answered so far (status line and headers at least), or null when nothing within {@code millis}. */
    private static String answerIfAny(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            seen.write(b);
            socket.setSoTimeout(500);
            byte[] buffer = new byte[4096];
            int n;
            while (!seen.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n") && (n = in.read(buffer)) > 0) {
                seen.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            if (seen.size() == 0) {
                return null;
            }
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }
}
