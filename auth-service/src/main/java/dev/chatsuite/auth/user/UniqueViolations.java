package dev.chatsuite.auth.user;

import org.hibernate.exception.ConstraintViolationException;

import io.vertx.pgclient.PgException;

/** Finds which unique constraint a failed insert hit, through Hibernate's and the PostgreSQL client's wrappers. */
public final class UniqueViolations {

    private UniqueViolations() {
    }

    /** The violated unique constraint's name, or null when the failure is something else. */
    public static String constraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return pg.getConstraint() != null ? pg.getConstraint() : pg.getErrorMessage();
            }
            if (t instanceof ConstraintViolationException cve && cve.getConstraintName() != null) {
                return cve.getConstraintName();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
