package dev.chatsuite.auth.tenant;

import jakarta.validation.constraints.NotNull;

public record AdminUserPatch(@NotNull(message = "active is required.") Boolean active) {
}
