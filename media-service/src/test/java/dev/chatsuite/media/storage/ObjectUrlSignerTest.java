package dev.chatsuite.media.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The signer's URLs are the SDK presigner's, byte for byte, when made at the same second. */
class ObjectUrlSignerTest {

    private static final URI ENDPOINT = URI.create("http://127.0.0.1:9000");
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret"));
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final S3AsyncClient client = S3AsyncClient.builder().endpointOverride(ENDPOINT).region(Region.EU_WEST_1)
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .credentialsProvider(CREDENTIALS).build();
    private final S3Presigner presigner = S3Presigner.builder().endpointOverride(ENDPOINT).region(Region.EU_WEST_1)
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .credentialsProvider(CREDENTIALS).build();

    @AfterEach
    void close() {
        client.close();
        presigner.close();
    }

    @Test
    void shouldSignAReadAsThePresignerDoes() {
        String expected = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(b -> b.bucket("chat-media").key("media/0190a1b2-c3d4/thumb"))).url().toString();

        URI signed = signerAt(signedAt(expected)).sign(SdkHttpMethod.GET, "media/0190a1b2-c3d4/thumb", Duration.ofMinutes(5));

        assertThat(signed.toString()).isEqualTo(expected);
    }

    @Test
    void shouldSignAWriteAsThePresignerDoes() {
        String expected = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(b -> b.bucket("chat-media").key("media/0190a1b2-c3d4"))).url().toString();

        URI signed = signerAt(signedAt(expected)).sign(SdkHttpMethod.PUT, "media/0190a1b2-c3d4", Duration.ofMinutes(5));

        assertThat(signed.toString()).isEqualTo(expected);
    }

    @Test
    void shouldSignOnlyTheHostSoAnyContentTypeMayBeSent() {
        URI signed = signerAt(Instant.now()).sign(SdkHttpMethod.PUT, "media/x", Duration.ofMinutes(5));

        assertThat(signed.getRawQuery()).contains("X-Amz-SignedHeaders=host&").contains("X-Amz-Expires=300")
                .contains("X-Amz-Credential=access%2F").contains("%2Feu-west-1%2Fs3%2Faws4_request");
        assertThat(signed.getPath()).isEqualTo("/chat-media/media/x");
    }

    private ObjectUrlSigner signerAt(Instant instant) {
        return new ObjectUrlSigner(client.serviceClientConfiguration(), "chat-media", Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static Instant signedAt(String url) {
        Matcher date = Pattern.compile("X-Amz-Date=([0-9TZ]+)").matcher(url);
        assertThat(date.find()).isTrue();
        return AMZ_DATE.parse(date.group(1), Instant::from);
    }
}
