package dev.chatsuite.launcher;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * S3Proxy on 127.0.0.1:9000 with a filesystem store under data/s3, so uploaded media survive
 * restarts; media-service talks to it as to any S3-compatible endpoint.
 */
final class LocalS3 implements AutoCloseable {

    static final int PORT = 9000;
    private final S3Proxy proxy;
    final String endpoint;

    private LocalS3(S3Proxy proxy, String endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    static LocalS3 start(Path dataDir, String bucket, String accessKey, String secretKey) throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("s3"));
        FilesystemNio2BlobStore store = new FilesystemNio2BlobStore(dir.toString());
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + PORT))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return new LocalS3(proxy, "http://127.0.0.1:" + PORT);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
