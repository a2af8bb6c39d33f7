package dev.inkwell;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

import dev.inkwell.demo.DemoContent;
import dev.inkwell.platform.Database;
import dev.inkwell.platform.ErrorMapper;
import dev.inkwell.web.Assets;
import dev.inkwell.platform.Migrations;
import dev.inkwell.platform.Settings;
import dev.inkwell.platform.WarmUp;

import io.helidon.common.configurable.AllowList;
import io.helidon.http.RequestedUriDiscoveryContext;
import io.helidon.logging.common.LogConfig;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import sun.misc.Signal;

/**
 * Starts Inkwell. Commands: {@code serve} (the default), {@code migrate} (apply database
 * migrations and exit), {@code schema-check} (whether this release can run on the database's
 * schema, before a rollback), {@code demo} (load demo content into an empty database) and
 * {@code assets DIR} (write the static files, with hashed names, for a web server to serve).
 */
public final class Main {

    private static final System.Logger LOG = System.getLogger(Main.class.getName());
    /**
     * Exit codes: 0 success, 1 failure at run time, 2 invalid configuration, 3 the database schema
     * is newer than this release, 64 unknown command.
     */
    private static final int EXIT_FAILURE = 1;
    private static final int EXIT_CONFIG = 2;
    private static final int EXIT_SCHEMA_AHEAD = 3;
    private static final int EXIT_USAGE = 64;

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        String command = args.length == 0 ? "serve" : args[0];
        Settings settings;
        try {
            settings = Settings.from(Settings.load(System.getenv()));
        } catch (Settings.InvalidSettingsException e) {
            System.err.println("inkwell: " + e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        }
        try {
            switch (command) {
                case "serve" -> serve(settings);
                case "migrate" -> migrate(settings);
                case "schema-check" -> schemaCheck(settings);
                case "demo" -> demo(settings);
                case "assets" -> writeAssets(args);
                default -> {
                    System.err.println("usage: inkwell [serve|migrate|schema-check|demo|assets DIR]");
                    System.exit(EXIT_USAGE);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "inkwell " + command + " failed", e);
            System.err.println("inkwell: " + command + " failed: " + e.getMessage());
            System.exit(EXIT_FAILURE);
        }
    }

    /** Builds the web server: the public routes on the main port, health and metrics on the admin port only. */
    public static WebServer server(Settings settings, Inkwell inkwell) {
        ObserveFeature observe = ObserveFeature.builder()
                .endpoint("/")
                .sockets(java.util.List.of("admin"))
                .addObserver(HealthObserver.builder().details(true).addChecks(inkwell.readiness().checks()).build())
                .addObserver(MetricsObserver.create())
                .build();
        return WebServer.builder()
                .config(settings.server())
                .host(settings.host())
                .port(settings.port())
                .shutdownGracePeriod(settings.shutdownTimeout())
                .directHandlers(ErrorMapper.directHandlers())
                .requestedUriDiscoveryContext(RequestedUriDiscoveryContext.builder()
                        // Behind the trusted proxies, X-Forwarded-Proto says whether the visitor used TLS.
                        .addDiscoveryType(RequestedUriDiscoveryContext.RequestedUriDiscoveryType.X_FORWARDED)
                        .trustedProxies(trustedProxies(settings))
                        .enabled(!settings.trustedProxies().isEmpty())
                        .build())
                .putSocket("admin", socket -> socket.host(settings.adminHost()).port(settings.adminPort()))
                .addFeature(observe)
                .routing(inkwell::routing)
                .build();
    }

    /**
     * The proxies whose forwarded headers are believed. Helidon matches the peer as written by
     * InetSocketAddress, with a leading slash ("/127.0.0.1"), so both spellings are listed.
     */
    private static AllowList trustedProxies(Settings settings) {
        var allowed = AllowList.builder();
        for (String proxy : settings.trustedProxies()) {
            allowed.addAllowed(proxy).addAllowed("/" + proxy);
        }
        return allowed.build();
    }

    private static void serve(Settings settings) {
        Inkwell inkwell = new Inkwell(settings, Metrics.globalRegistry(), Clock.systemUTC());
        // Migrations and building the server overlap: both take a while, on different resources.
        FutureTask<Void> migrations = new FutureTask<>(() -> {
            if (settings.migrateOnStart()) {
                migrateWithRetry(inkwell);
            }
            return null;
        });
        Thread.ofPlatform().name("inkwell-migrations").start(migrations);
        WebServer built = server(settings, inkwell);
        try {
            migrations.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
        inkwell.readiness().warmingUp();
        WebServer server = built.start();
        if (!server.isRunning()) {
            // Helidon logs why and returns a stopped server: the process would stay up, serving nothing.
            inkwell.close();
            throw new IllegalStateException("could not listen on port " + settings.port() + " and admin port "
                                                    + settings.adminPort() + " (see the error above)");
        }
        LOG.log(Level.INFO, "Inkwell listening on port " + server.port() + ", admin on port " + server.port("admin"));

        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            inkwell.readiness().stopping();
            sleep(settings.drainDelay().toMillis());
            server.stop();
            inkwell.close();
            LOG.log(Level.INFO, "Inkwell stopped");
            stopped.countDown();
        };
        Signal.handle(new Signal("TERM"), signal -> Thread.ofPlatform().start(stop));
        Signal.handle(new Signal("INT"), signal -> Thread.ofPlatform().start(stop));
        if (settings.warmUpRequests() > 0) {
            new WarmUp(ownAddress(settings, server.port()), settings.warmUpRequests()).run();
        }
        inkwell.readiness().warmedUp();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }

    /** The main listener as seen from this host: loopback when it listens on every address. */
    private static URI ownAddress(Settings settings, int port) {
        String host = switch (settings.host()) {
            case "0.0.0.0", "::", "" -> "127.0.0.1";
            default -> settings.host();
        };
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    private static int migrateWithRetry(Inkwell inkwell) {
        int applied = whileUnreachable("migrations", () -> new Migrations(inkwell.database().dataSource()).migrate());
        if (applied > 0) {
            LOG.log(Level.INFO, "Applied " + applied + " database migrations");
        }
        return applied;
    }

    /**
     * PostgreSQL may still be starting next to us, be slow to answer on a busy host during a
     * deploy, or be changing primaries: retry reaching it for two minutes. Any other failure (a broken migration) is final.
     */
    private static <T> T whileUnreachable(String what, Supplier<T> work) {
        long giveUpAt = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (System.nanoTime() - giveUpAt > 0 || !ErrorMapper.isUnavailable(e)) {
                    throw e;
                }
                LOG.log(Level.WARNING, "Database out of reach for " + what + ", retrying: " + e.getMessage());
                sleep(1000);
            }
        }
    }

    private static void migrate(Settings settings) {
        try (Inkwell inkwell = new Inkwell(settings, Metrics.globalRegistry(), Clock.systemUTC())) {
            int applied = migrateWithRetry(inkwell);
            Migrations migrations = new Migrations(inkwell.database().dataSource());
            System.out.println("inkwell: database at version " + migrations.currentVersion()
                                       + " (" + applied + " migrations applied)");
        }
    }

    private static void schemaCheck(Settings settings) {
        List<String> unknown;
        String current;
        try (Database database = new Database(settings)) {
            Migrations migrations = new Migrations(database.dataSource());
            unknown = whileUnreachable("the schema check", migrations::unknownApplied);
            current = migrations.currentVersion();
        }
        if (unknown.isEmpty()) {
            System.out.println("inkwell: this release can run on the database's schema (version " + current + ")");
            return;
        }
        System.err.println("inkwell: the database schema (version " + current + ") is newer than this release: "
                                   + "it does not know migrations " + String.join(", ", unknown));
        System.exit(EXIT_SCHEMA_AHEAD);
    }

    private static void demo(Settings settings) {
        try (Inkwell inkwell = new Inkwell(settings, Metrics.globalRegistry(), Clock.systemUTC())) {
            migrateWithRetry(inkwell);
            System.out.println(new DemoContent(inkwell).loadIfEmpty());
        }
    }

    private static void writeAssets(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: inkwell assets DIR");
            System.exit(EXIT_USAGE);
        }
        try {
            new Assets().writeTo(java.nio.file.Path.of(args[1]));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
