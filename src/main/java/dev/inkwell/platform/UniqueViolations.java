package dev.inkwell.platform;

import java.sql.SQLException;
import java.util.Optional;

import org.postgresql.util.PSQLException;

/** Recognises PostgreSQL unique-constraint violations (SQLSTATE 23505) behind client exceptions. */
public final class UniqueViolations {

    private UniqueViolations() {
    }

    /** The name of the violated unique constraint or index, if that is what failed. */
    public static Optional<String> constraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null
                        && psql.getServerErrorMessage().getConstraint() != null) {
                    return Optional.of(psql.getServerErrorMessage().getConstraint());
                }
                return Optional.of("");
            }
        }
        return Optional.empty();
    }
}
