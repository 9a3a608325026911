package dev.chatsuite.auth;

import dev.chatsuite.common.problem.ProblemKind;

/** The problems only auth-service answers with; docs/errors-auth.md lists them with the common ones. */
public enum AuthProblem implements ProblemKind {
    /** Login of a disabled account, after the right password (the contract's 403). */
    ACCOUNT_DISABLED("account-disabled", 403),
    /** An access token of a disabled account: it no longer authenticates anyone (messaging closes a socket with 4003). */
    DISABLED_ACCOUNT_TOKEN("account-disabled", 401),
    /** An access token whose session has ended (logout, ended sessions, password change or reset). */
    SESSION_ENDED("session-ended", 401),
    /** A password-reset token that is unknown, expired or already used. */
    INVALID_RESET_TOKEN("invalid-reset-token", 400);

    private final String slug;
    private final int status;

    AuthProblem(String slug, int status) {
        this.slug = slug;
        this.status = status;
    }

    @Override
    public String slug() {
        return slug;
    }

    @Override
    public int status() {
        return status;
    }
}
