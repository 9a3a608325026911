package dev.chatsuite.media.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * media-service's own application.properties, read as Quarkus reads it but without the
 * environment: in the prod profile every secret must come from its variable (no default), so a
 * missing one stops the start with an error naming that variable; dev mode keeps local defaults.
 */
class ProductionSecretsConfigTest {

    private static final String ACCESS_KEY = "quarkus.s3.aws.credentials.static-provider.access-key-id";
    private static final String SECRET_KEY = "quarkus.s3.aws.credentials.static-provider.secret-access-key";

    private static SmallRyeConfig config(String profile) throws Exception {
        URL properties = ProductionSecretsConfigTest.class.getClassLoader().getResource("application.properties");
        assertThat(properties).isNotNull();
        return new SmallRyeConfigBuilder().withProfile(profile).withSources(new PropertiesConfigSource(properties, 250)).build();
    }

    @Test
    void shouldRefuseProductionWithoutEachSecretNamingItsVariable() throws Exception {
        SmallRyeConfig prod = config("prod");
        assertThatThrownBy(() -> prod.getValue(ACCESS_KEY, String.class)).hasMessageContaining("S3_ACCESS_KEY");
        assertThatThrownBy(() -> prod.getValue(SECRET_KEY, String.class)).hasMessageContaining("S3_SECRET_KEY");
        assertThatThrownBy(() -> prod.getValue("media.signing-secret", String.class)).hasMessageContaining("MEDIA_SIGNING_SECRET");
    }

    @Test
    void shouldKeepLocalDefaultsInDevMode() throws Exception {
        SmallRyeConfig dev = config("dev");
        assertThat(dev.getValue(ACCESS_KEY, String.class)).isEqualTo("local-access-key");
        assertThat(dev.getValue(SECRET_KEY, String.class)).isEqualTo("local-secret-key");
        assertThat(dev.getValue("media.signing-secret", String.class)).isNotBlank();
    }
}
