package dev.chatsuite.media.storage;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * SigV4 query-string signatures (presigned URLs) for the service's own requests to the store,
 * path-style, made with the SDK's signer on the S3 client's own region, endpoint and
 * credentials.
 * <p>
 * Not the SDK's {@code S3Presigner}: it runs the whole request pipeline (endpoint rules, auth
 * scheme resolution, interceptors) for each URL, time an upload's bytes wait for
 * (docs/decisions.md); the signature itself is the same bytes (checked against the presigner in
 * {@code ObjectUrlSignerTest}). Only host is a signed header, so a request may carry any
 * Content-Type.
 */
final class ObjectUrlSigner {

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final String region;
    private final String base;
    private final Clock clock;

    ObjectUrlSigner(AwsServiceClientConfiguration client, String bucket) {
        this(client, bucket, Clock.systemUTC());
    }

    ObjectUrlSigner(AwsServiceClientConfiguration client, String bucket, Clock clock) {
        this.clock = clock;
        this.credentials = client.credentialsProvider();
        this.region = client.region().id();
        String endpoint = client.endpointOverride().map(URI::toString).orElse("https://s3." + region + ".amazonaws.com");
        this.base = (endpoint.endsWith("/") ? endpoint : endpoint + "/") + SdkHttpUtils.urlEncode(bucket) + "/";
    }

    /** A URL for {@code method} on the object {@code key}, valid for {@code ttl}. */
    URI sign(SdkHttpMethod method, String key, Duration ttl) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(method).uri(URI.create(base + SdkHttpUtils.urlEncodeIgnoreSlashes(key))).build();
        // Static and cached providers answer at once; a refreshing one blocks here as the presigner did.
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        return signer.sign(r -> r.identity(identity).request(request)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, ttl)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock))
                .request().getUri();
    }
}
