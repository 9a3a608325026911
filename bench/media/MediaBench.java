import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Upload and download throughput through media-service against the same transfers made
 * directly to the S3 endpoint, in one run (with the AWS SDK, and with the service path's own
 * HTTP client on presigned URLs); then 20 concurrent 10 MiB uploads against a
 * media-service started with -Xmx128m (HEAP_URL), sampling its heap from /q/metrics.
 * usage: java -cp 'media-service/target/quarkus-app/lib/main/*' MediaBench.java <media-url> <token> <s3-endpoint> <bucket> <key> <secret> [heap-url heap-token [redirect-url]]
 */
public class MediaBench {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final HttpClient FOLLOWING = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    /** Uploads of the timed size through the service before anything is timed (see main). */
    static final int FULL_WARM_UPS = 2000;

    public static void main(String[] args) throws Exception {
        String media = args[0], token = args[1];
        S3AsyncClient s3 = S3AsyncClient.builder().endpointOverride(URI.create(args[2])).region(Region.US_EAST_1)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[4], args[5]))).build();
        String bucket = args[3];
        int files = 12, size = 8 * 1024 * 1024;
        byte[] body = pdf(size);
        Multipart form = Multipart.of(body);
        S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(args[2])).region(Region.US_EAST_1)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[4], args[5]))).build();
        // With a second instance in redirect mode (MEDIA_REDIRECT=true), its downloads are timed too.
        String redirecting = args.length > 8 ? args[8] : null;
        // With a third instance that keeps no local copies (MEDIA_CACHE_BYTES=0), its downloads are
        // timed too: every read there goes to S3, as on a replica the file was not uploaded through.
        String uncached = args.length > 9 ? args[9] : null;
        // Per round: [0] SDK up, [1] service up, [2] SDK down, [3] service down, [4] plain up, [5] plain down,
        // [6] service down in redirect mode (MB/s).
        // "plain" is the same transfer straight to S3 with the client the service path uses
        // (java.net.http on a presigned URL), so the ratio compares paths, not client libraries.
        // The paths take turns file by file, so that a GC, a JIT burst or another process on the
        // two cores lands on all of them alike rather than on one phase, in an order shuffled per
        // file (turns()), so that no path always follows the same other one.
        // Warm every path's request handling the same way before anything is timed: a service
        // that has run for a while has its upload and read paths compiled, and the rounds below
        // make only a few dozen requests each. Measured: a redirect answer took 5-10 ms on a cold
        // instance against 1-2 ms warm; 40 downloads of 8 MiB took 1.1-1.4 s right after start and
        // 0.7-0.8 s after 8,000 small reads; uploads were still being compiled after 200.
        int warmUps = Integer.getInteger("warmups", 400);
        byte[] small = pdf(256 * 1024);
        String warmId = upload(media, token, small);
        String warmKey = "bench/warm-" + UUID.randomUUID();
        for (int i = 0; i < warmUps; i++) {
            delete(media, token, upload(media, token, small));
            if (redirecting != null) {
                delete(redirecting, token, upload(redirecting, token, small));
            }
            HTTP.send(HttpRequest.newBuilder(presignedPut(presigner, bucket, warmKey)).header("Content-Type", "application/pdf")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(small)).build(), HttpResponse.BodyHandlers.discarding());
            for (int j = 0; j < 3; j++) {
                get(HTTP, media + "/api/media/" + warmId, token, small.length);
                if (redirecting != null) {
                    get(FOLLOWING, redirecting + "/api/media/" + warmId, token, small.length);
                }
                if (uncached != null) {
                    get(HTTP, uncached + "/api/media/" + warmId, token, small.length);
                }
                get(HTTP, presignedGet(presigner, bucket, warmKey).toString(), null, small.length);
            }
        }
        // Then the upload path with files of the timed size, the work its hot code is compiled for.
        // A fresh media-service keeps getting faster for a long time on these two shared cores: its
        // compiler was still busy (4 ms of C2 per upload after 1,000 uploads of 8 MiB; the service
        // carries much code: Vert.x, the AWS SDK, Hibernate), and the event loop's CPU per upload
        // went from 37 ms after 1,000 uploads to 23 ms after several thousand; a java.net.http
        // loop's ratio went 0.67 -> 0.76 over the first 1,400 uploads and settled at ~0.79-0.81
        // after 2,000. A service in production has long been past that; the bench brings the one it
        // times there first (these uploads also warm the java.net.http client the plain path uses,
        // and every fourth file also goes plain).
        int fullWarmUps = Integer.getInteger("fullwarmups", FULL_WARM_UPS);
        for (int i = 0; i < fullWarmUps; i++) {
            delete(media, token, upload(media, token, form));
            if (i % 4 == 0) {
                HTTP.send(HttpRequest.newBuilder(presignedPut(presigner, bucket, warmKey)).header("Content-Type", "application/pdf")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            }
        }
        s3.deleteObject(b -> b.bucket(bucket).key(warmKey)).join();
        List<double[]> rounds = new ArrayList<>();
        int roundsCounted = Integer.getInteger("rounds", 5);
        // Rounds -2 and -1 warm the JIT on every path and are not counted.
        for (int round = -2; round < roundsCounted; round++) {
            long[] nanos = new long[8];
            List<String> keys = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < files; i++) {
                String sdkKey = "bench/" + UUID.randomUUID();
                String plainKey = "bench/" + UUID.randomUUID();
                for (int path : turns(List.of(0, 1, 2), round * files + i)) {
                    long t0 = System.nanoTime();
                    if (path == 0) {
                        s3.putObject(b -> b.bucket(bucket).key(sdkKey), AsyncRequestBody.fromBytes(body)).join();
                        nanos[0] += System.nanoTime() - t0;
                    } else if (path == 1) {
                        URI url = presignedPut(presigner, bucket, plainKey);
                        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", "application/pdf")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("plain upload " + r.statusCode());
                        }
                        nanos[4] += System.nanoTime() - t0;
                    } else {
                        ids.add(upload(media, token, form));
                        nanos[1] += System.nanoTime() - t0;
                    }
                }
                keys.add(sdkKey);
                keys.add(plainKey);
            }
            for (int i = 0; i < files; i++) {
                String sdkKey = keys.get(2 * i), plainKey = keys.get(2 * i + 1), id = ids.get(i);
                List<Integer> paths = new ArrayList<>(List.of(0, 1, 2));
                if (redirecting != null) {
                    paths.add(3);
                }
                if (uncached != null) {
                    paths.add(4);
                }
                for (int path : turns(paths, round * files + i)) {
                    long t0 = System.nanoTime();
                    if (path == 0) {
                        s3.getObject(b -> b.bucket(bucket).key(sdkKey), AsyncResponseTransformer.toBytes()).join();
                        nanos[2] += System.nanoTime() - t0;
                    } else if (path == 1) {
                        get(HTTP, presignedGet(presigner, bucket, plainKey).toString(), null, size);
                        nanos[5] += System.nanoTime() - t0;
                    } else if (path == 2) {
                        get(HTTP, media + "/api/media/" + id, token, size);
                        nanos[3] += System.nanoTime() - t0;
                    } else if (path == 3) {
                        get(FOLLOWING, redirecting + "/api/media/" + id, token, size);
                        nanos[6] += System.nanoTime() - t0;
                    } else {
                        get(HTTP, uncached + "/api/media/" + id, token, size);
                        nanos[7] += System.nanoTime() - t0;
                    }
                }
            }
            for (String key : keys) {
                s3.deleteObject(b -> b.bucket(bucket).key(key)).join();
            }
            // Each run would otherwise leave about a gigabyte behind, and a store filling its
            // disk writes more slowly than the empty one the first run met.
            for (String id : ids) {
                delete(media, token, id);
            }
            if (round >= 0) {
                double[] r = new double[8];
                for (int k = 0; k < 8; k++) {
                    r[k] = files * (double) size / 1048576.0 / (nanos[k] / 1e9);
                }
                rounds.add(r);
            }
        }
        for (double[] r : rounds) {
            System.out.printf("ROUND sdk-up %.1f plain-up %.1f service-up %.1f ratio %.2f | sdk-down %.1f plain-down %.1f service-down %.1f ratio %.2f"
                    + " redirect-down %.1f ratio %.2f | uncached-down %.1f ratio %.2f%n",
                    r[0], r[4], r[1], r[1] / r[4], r[2], r[5], r[3], r[3] / r[5], r[6], r[6] / r[5], r[7], r[7] / r[5]);
        }
        System.out.printf("MEDIAN upload-ratio %.2f download-ratio %.2f upload-ratio-sdk %.2f download-ratio-sdk %.2f"
                + " plain-up %.1f plain-down %.1f direct-up %.1f service-up %.1f direct-down %.1f service-down %.1f redirect-down %.1f redirect-ratio %.2f"
                + " uncached-down %.1f uncached-ratio %.2f%n",
                median(rounds, 1, 4), median(rounds, 3, 5), median(rounds, 1, 0), median(rounds, 3, 2),
                median(rounds, 4, -1), median(rounds, 5, -1), median(rounds, 0, -1), median(rounds, 1, -1), median(rounds, 2, -1), median(rounds, 3, -1),
                median(rounds, 6, -1), median(rounds, 6, 5), median(rounds, 7, -1), median(rounds, 7, 5));
        if (args.length > 7) {
            heap(args[6], args[7]);
        }
        s3.close();
    }

    static void heap(String url, String token) throws Exception {
        byte[] body = pdf(10 * 1024 * 1024 - 4096);
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peak.accumulateAndGet(heapUsed(url), Math::max);
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception ignored) {
                    // keep sampling
                }
            }
        });
        sampler.start();
        Multipart form = Multipart.of(body);
        List<CompletableFuture<String>> uploads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            uploads.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return upload(url, token, form);
                } catch (Exception e) {
                    return "FAILED " + e.getMessage();
                }
            }));
        }
        List<String> ids = uploads.stream().map(CompletableFuture::join).filter(id -> !id.startsWith("FAILED")).toList();
        long stored = ids.size();
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        for (String id : ids) {
            delete(url, token, id);
        }
        System.out.printf("HEAP uploads 20 stored %d peak-heap-mb %.1f seconds %.1f%n", stored, peak.get() / 1048576.0, seconds);
    }

    static long heapUsed(String url) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        long sum = 0;
        Matcher m = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} ([0-9.E+]+)").matcher(metrics);
        while (m.find()) {
            sum += (long) Double.parseDouble(m.group(1));
        }
        return sum;
    }

    static URI presignedPut(S3Presigner presigner, String bucket, String key) {
        return URI.create(presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(b -> b.bucket(bucket).key(key).contentType("application/pdf"))).url().toString());
    }

    static URI presignedGet(S3Presigner presigner, String bucket, String key) {
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(b -> b.bucket(bucket).key(key))).url().toString());
    }

    /** GETs a URL (with a bearer token when one is given) and checks the status and length of what came back. */
    static void get(HttpClient client, String url, String token, int size) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200 || r.body().length != size) {
            throw new IllegalStateException("GET " + url + ": " + r.statusCode() + ", " + r.body().length + " bytes");
        }
    }

    static void delete(String media, String token, String id) throws Exception {
        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(media + "/api/media/" + id)).DELETE()
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 204) {
            throw new IllegalStateException("delete " + r.statusCode());
        }
    }

    static String upload(String media, String token, byte[] file) throws Exception {
        return upload(media, token, Multipart.of(file));
    }

    /**
     * A multipart body with the file as its only part, built before any timing starts: the
     * direct paths send arrays made in advance too, and assembling 8 MiB inside the timed
     * region (a growing buffer and its copies) was charged to the service path alone.
     */
    record Multipart(String boundary, byte[] body) {
        static Multipart of(byte[] file) {
            String boundary = "bench" + UUID.randomUUID();
            return new Multipart(boundary, concat(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.pdf\"\r\n"
                    + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII), file,
                    ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII)));
        }
    }

    static String upload(String media, String token, Multipart multipart) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(media + "/api/media"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + multipart.boundary())
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.body())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("upload " + r.statusCode() + " " + r.body());
        }
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(r.body());
        id.find();
        return id.group(1);
    }

    /** One array, so the request carries a Content-Length as a browser's FormData upload does (not chunked). */
    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        byte[] header = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    static double mbps(long bytes, long startNanos) {
        return bytes / 1048576.0 / ((System.nanoTime() - startNanos) / 1e9);
    }

    /**
     * The order in which the paths take their turn with one file, shuffled with a fixed seed. A
     * rotation (path i, then i+1, ...) had each path always follow the same other one, the
     * service's uploads always a plain PUT's; in a java.net.http loop where one instance's uploads
     * alternated between both positions, those timed right after a plain PUT were 1-5 % slower
     * than those right after one of its own in 8 of 11 runs of 300.
     */
    static List<Integer> turns(List<Integer> paths, long seed) {
        List<Integer> order = new ArrayList<>(paths);
        java.util.Collections.shuffle(order, new Random(seed));
        return order;
    }

    static double median(List<double[]> rounds, int a, int b) {
        double[] values = rounds.stream().mapToDouble(r -> b < 0 ? r[a] : r[a] / r[b]).sorted().toArray();
        return values[values.length / 2];
    }
}
