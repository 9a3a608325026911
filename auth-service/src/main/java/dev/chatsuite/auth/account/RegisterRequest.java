package dev.chatsuite.auth.account;

import java.util.Locale;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/register}; the username is lower-cased before these rules apply. */
public record RegisterRequest(
        @NotBlank(message = "Email is required.") @Email(message = "Email is not a valid address.") @Size(max = 254, message = "Email must be at most 254 characters.") String email,
        @NotBlank(message = "Username is required.") @Pattern(regexp = "[a-z0-9_.]{3,30}", message = "Username must be 3 to 30 of a-z, 0-9, '_' and '.'.") String username,
        @NotBlank(message = "Password is required.") @Size(min = 10, max = 128, message = "Password must be 10 to 128 characters.") String password,
        @Size(max = 80, message = "Display name must be at most 80 characters.") String displayName,
        String tenant) {

    public RegisterRequest normalized() {
        return new RegisterRequest(email == null ? null : email.trim(), username == null ? null : username.trim().toLowerCase(Locale.ROOT),
                password, displayName == null ? null : displayName.trim(), tenant == null || tenant.isBlank() ? null : tenant.trim());
    }
}
