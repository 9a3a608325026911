package dev.chatsuite.auth.tenant;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code modules}: absent or null gives every module; each entry must be a module there is (AdminService checks). */
public record CreateTenantRequest(
        @NotBlank(message = "Slug is required.") @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "Slug must be 2 to 63 of a-z, 0-9 and '-'.") String slug,
        @NotBlank(message = "Name is required.") @Size(max = 120, message = "Name must be at most 120 characters.") String name,
        @Size(max = 50, message = "At most 50 modules.") List<String> modules) {
}
