package dev.chatsuite.common.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;

class TenantModulesTest {

    private static final String TID = "0190b7a2-0000-7000-8000-000000000001";

    @Test
    void shouldLetACallerWithoutATenantUseEveryModule() {
        assertThat(TenantModules.allows(null, null, TenantModules.CHAT)).isTrue();
        assertThat(TenantModules.allows(null, List.of(), TenantModules.MEDIA)).isTrue();
    }

    @Test
    void shouldLetATenantCallerUseOnlyTheListedModules() {
        // smallrye-jwt's shape: a JSON array of JSON strings.
        var modules = Json.createArrayBuilder().add("chat").build();
        assertThat(TenantModules.allows(TID, modules, TenantModules.CHAT)).isTrue();
        assertThat(TenantModules.allows(TID, modules, TenantModules.MEDIA)).isFalse();
        assertThat(TenantModules.allows(TID, List.of("media"), TenantModules.MEDIA)).isTrue();
        assertThat(TenantModules.allows(TID, List.of("media"), TenantModules.CHAT)).isFalse();
    }

    @Test
    void shouldRefuseATenantCallerWithNoOrAnUnreadableModulesClaim() {
        assertThat(TenantModules.allows(TID, null, TenantModules.CHAT)).isFalse();
        assertThat(TenantModules.allows(TID, List.of(), TenantModules.CHAT)).isFalse();
        assertThat(TenantModules.allows(TID, "chat", TenantModules.CHAT)).as("a string, not a list").isFalse();
        assertThat(TenantModules.allows(TID, List.of(7), TenantModules.CHAT)).isFalse();
    }

    @Test
    void shouldNameTheModuleInTheRefusal() {
        assertThat(TenantModules.refusal("media")).contains("\"media\"");
    }
}
