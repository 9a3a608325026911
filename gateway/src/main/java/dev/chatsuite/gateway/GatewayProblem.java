package dev.chatsuite.gateway;

import dev.chatsuite.common.problem.ProblemKind;

/** The problems only the gateway answers with; docs/errors-gateway.md lists them with the common ones it uses. */
public enum GatewayProblem implements ProblemKind {
    /** An API path spelled so that a service might read it differently from the gateway. */
    NON_CANONICAL_PATH("non-canonical-path", 400),
    /** A cookie-authenticated unsafe request or upgrade without an allowed Origin. */
    CSRF("csrf", 403);

    private final String slug;
    private final int status;

    GatewayProblem(String slug, int status) {
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
