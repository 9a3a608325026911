package dev.chatsuite.testsupport;

import java.net.URI;
import java.util.Map;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs S3Proxy in-process (in-memory store, AWS v2/v4 signatures) as the S3 endpoint, with
 * the bucket already created, behind a {@link TcpProxy} ({@link #proxy()}) so tests can make
 * S3 unreachable. Init arg {@code bucket}: the bucket name.
 */
public class S3ProxyTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    private static volatile TcpProxy proxy;
    private static volatile TransientNio2BlobStore store;
    private S3Proxy s3Proxy;
    private String bucket = "chat-media-test";

    @Override
    public void init(Map<String, String> initArgs) {
        bucket = initArgs.getOrDefault("bucket", bucket);
    }

    @Override
    public Map<String, String> start() {
        store = new TransientNio2BlobStore();
        store.createContainer(bucket);
        s3Proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            s3Proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(s3Proxy.getState()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        proxy = new TcpProxy("127.0.0.1", s3Proxy.getPort()).start();
        return Map.of(
                "quarkus.s3.endpoint-override", "http://127.0.0.1:" + proxy.port(),
                "quarkus.s3.aws.credentials.static-provider.access-key-id", ACCESS_KEY,
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", SECRET_KEY,
                "S3_BUCKET", bucket);
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        try {
            if (s3Proxy != null) {
                s3Proxy.stop();
            }
        } catch (Exception ignored) {
            // Test JVM is ending.
        }
    }

    public static TcpProxy proxy() {
        return proxy;
    }

    /** The in-memory store behind S3Proxy. */
    public static TransientNio2BlobStore store() {
        return store;
    }

    public static boolean exists(String bucket, String key) {
        return store.blobExists(bucket, key);
    }

    /** How many objects the bucket holds now. */
    public static int count(String bucket) {
        return store.list(bucket).contents().size();
    }

    /** Writes an object behind the service's back, as a crashed upload would leave it. */
    public static void put(String bucket, String key, byte[] bytes) {
        store.putBlob(software.amazon.awssdk.services.s3.model.PutObjectRequest.builder().bucket(bucket).key(key)
                .contentLength((long) bytes.length).build(), new java.io.ByteArrayInputStream(bytes));
    }
}
