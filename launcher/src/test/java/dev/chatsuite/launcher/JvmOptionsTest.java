package dev.chatsuite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class JvmOptionsTest {

    @Test
    void shouldUseTheServiceDefaultsWhenNothingIsSet() {
        assertThat(Suite.jvmOptions(Map.of(), "-XX:+UseSerialGC -Xms16m")).containsExactly("-XX:+UseSerialGC", "-Xms16m");
    }

    @Test
    void shouldAppendOptionsAfterTheDefaults() {
        assertThat(Suite.jvmOptions(Map.of("SUITE_JAVA_OPTS_APPEND", "-Xlog:gc -Xms64m"), "-XX:+UseSerialGC -Xms16m"))
                .containsExactly("-XX:+UseSerialGC", "-Xms16m", "-Xlog:gc", "-Xms64m");
    }

    @Test
    void shouldReplaceTheDefaultsAndStillAppend() {
        assertThat(Suite.jvmOptions(Map.of("SUITE_JAVA_OPTS", "-XX:+UseG1GC", "SUITE_JAVA_OPTS_APPEND", "-Xlog:gc"), "-XX:+UseSerialGC"))
                .containsExactly("-XX:+UseG1GC", "-Xlog:gc");
    }

    @Test
    void shouldGiveTheRealTimeServicesTheLargerHeapAndKeepTheirCollectors() {
        assertThat(Suite.jvmOptions(Map.of(), Suite.GATEWAY_JVM_OPTIONS))
                .contains("-XX:+UseSerialGC", "-Xms256m", "-Xmx512m").doesNotContain("-Xms16m", "-Xmx256m");
        assertThat(Suite.jvmOptions(Map.of(), Suite.MESSAGING_JVM_OPTIONS))
                .contains("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50", "-Xms256m", "-Xmx512m").doesNotContain("-Xms16m");
        assertThat(Suite.jvmOptions(Map.of(), Suite.DEFAULT_JVM_OPTIONS)).contains("-Xms16m", "-Xmx256m");
    }
}
