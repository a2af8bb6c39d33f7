package dev.inkwell.platform;

import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Readiness checks for {@code /health/ready}: DOWN (503) while warming up, while stopping, or when
 * PostgreSQL is unreachable. Redis is reported but never makes the instance unready, since it runs without it.
 */
public final class Readiness {

    private final AtomicBoolean warmingUp = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Database database;
    private final Redis redis;
    private final String version;

    public Readiness(Database database, Redis redis, String version) {
        this.database = database;
        this.redis = redis;
        this.version = version;
    }

    /** Until {@link #warmedUp()} the instance reports itself unready: it serves, but slowly (see {@link WarmUp}). */
    public void warmingUp() {
        warmingUp.set(true);
    }

    public void warmedUp() {
        warmingUp.set(false);
    }

    /** From now on the instance reports itself unready, so load balancers stop sending it requests. */
    public void stopping() {
        stopping.set(true);
    }

    public HealthCheck[] checks() {
        return new HealthCheck[] {
                check("accepting", () -> HealthCheckResponse.builder().status(!warmingUp.get() && !stopping.get())
                        .detail("version", version).detail("warmingUp", warmingUp.get()).build()),
                check("database", () -> HealthCheckResponse.builder().status(database.isReachable(2)).build()),
                check("redis", () -> HealthCheckResponse.builder().status(true)
                        .detail("reachable", redis.isReachable()).build())
        };
    }

    private static HealthCheck check(String name, java.util.function.Supplier<HealthCheckResponse> call) {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResponse call() {
                return call.get();
            }
        };
    }
}
