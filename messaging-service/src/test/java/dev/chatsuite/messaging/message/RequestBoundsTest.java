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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import dev.chatsuite.messaging.ServiceStubs;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bodies are bounded while they stream, a multipart post is refused before its files are read,
 * and a participant's files are bounded one by one and together as they stream.
 */
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

    @Test
    void shouldRefuseAFileOverTheFileLimitWhileItStreamsAndKeepNothing() throws Exception {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        Set<Path> before = spooled();
        String answer = streamFiles(alice, conversation, 1, 2 << 20);
        assertThat(answer).as("an answer before the file ended").isNotNull();
        assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("application/problem+json").contains("file-too-large");
        assertThat(newFiles(before)).as("files left in the upload directory").isEmpty();
    }

    @Test
    void shouldRefuseAPostOverTheTotalLimitWhileItStreamsAndKeepNothing() throws Exception {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        Set<Path> before = spooled();
        // Each file under the file limit (256 KiB in tests), together over the total (1 MiB in tests).
        String answer = streamFiles(alice, conversation, 8, 200 * 1024);
        assertThat(answer).as("an answer before the body ended").isNotNull();
        assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("application/problem+json").contains("payload-too-large");
        assertThat(newFiles(before)).as("files left in the upload directory").isEmpty();
        assertThat(alice.request().get("/api/conversations/" + conversation + "/messages").then().statusCode(200).extract().jsonPath()
                .getList("items")).as("nothing stored").isEmpty();
    }

    /**
     * Posts {@code files} file parts of {@code size} bytes each, chunked and never ended: answers what the
     * server said while the body was still streaming, or null.
     */
    private String streamFiles(User user, String conversation, int files, int size) throws IOException {
        try (Socket socket = open()) {
            String boundary = "b0undary";
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/conversations/" + conversation + "/messages HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + user.token()
                    + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            chunk(out, ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\ntoo big\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] data = new byte[16 * 1024];
            Arrays.fill(data, (byte) 'x');
            String answer = null;
            for (int f = 0; f < files && answer == null; f++) {
                try {
                    chunk(out, ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"f" + f
                            + ".png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    for (int sent = 0; sent < size && answer == null; sent += data.length) {
                        chunk(out, data);
                        answer = answerIfAny(socket, 5);
                    }
                    chunk(out, "\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedByServer) {
                    break;
                }
            }
            return answer != null ? answer : answerIfAny(socket, 5000);
        }
    }

    private static void chunk(OutputStream out, byte[] bytes) throws IOException {
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static Set<Path> spooled() throws IOException {
        Path directory = Path.of(ConfigProvider.getConfig().getValue("quarkus.http.body.uploads-directory", String.class));
        if (!Files.isDirectory(directory)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.collect(Collectors.toSet());
        }
    }

    private static Set<Path> newFiles(Set<Path> before) throws IOException {
        Set<Path> now = new HashSet<>(spooled());
        now.removeAll(before);
        return now;
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
            // The problem body, when it follows at once.
            socket.setSoTimeout(200);
            while (!seen.toString(StandardCharsets.ISO_8859_1).contains("\"status\"") && (n = in.read(buffer)) > 0) {
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
