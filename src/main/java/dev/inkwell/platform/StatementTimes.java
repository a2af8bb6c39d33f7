package dev.inkwell.platform;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.helidon.dbclient.DbClientService;
import io.helidon.dbclient.DbClientServiceContext;

/**
 * Times every statement of the DB client and logs the slow ones as warnings: the code that ran
 * the statement names it ({@code UserRepository.findByEmail}), and its duration; never the
 * statement's values, which may be personal.
 */
final class StatementTimes implements DbClientService {

    private static final System.Logger LOG = System.getLogger("dev.inkwell.slow-queries");
    private static final StackWalker STACK = StackWalker.getInstance();

    private final long thresholdNanos;
    private final Telemetry telemetry;

    StatementTimes(Duration threshold, Telemetry telemetry) {
        this.thresholdNanos = threshold.toNanos();
        this.telemetry = telemetry;
    }

    @Override
    public DbClientServiceContext statement(DbClientServiceContext context) {
        long start = System.nanoTime();
        String type = context.statementType().name().toLowerCase();
        // The JDBC client completes the statement on the caller's thread (a query when its rows
        // are read), so the stack at completion still holds the repository method that ran it.
        context.statementFuture().whenComplete((done, failure) -> record(type, System.nanoTime() - start));
        return context;
    }

    /** Counts a statement of this type (query, get, insert...) that took so long, and logs it when slow. */
    void record(String type, long nanos) {
        telemetry.statement(type, nanos);
        if (nanos >= thresholdNanos) {
            telemetry.slowStatement();
            LOG.log(Level.WARNING, "slow " + type + " " + caller() + ": "
                    + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
        }
    }

    /**
     * The first method of the application's own code outside this package; a lambda handed to
     * {@link Database} is named by the method that wrote it.
     */
    private static String caller() {
        Optional<StackWalker.StackFrame> frame = STACK.walk(frames -> frames
                .filter(f -> f.getClassName().startsWith("dev.inkwell.")
                        && !f.getClassName().startsWith(StatementTimes.class.getPackageName() + ".")
                        && !f.getMethodName().startsWith("lambda$"))
                .findFirst());
        return frame.map(f -> simpleName(f.getClassName()) + "." + f.getMethodName()).orElse("(unknown)");
    }

    private static String simpleName(String className) {
        String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        return outer.substring(outer.lastIndexOf('.') + 1);
    }
}
