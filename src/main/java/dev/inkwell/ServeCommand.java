package dev.inkwell;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.LockSupport;

import dev.inkwell.platform.ErrorMapper;
import dev.inkwell.platform.Settings;
import dev.inkwell.platform.StopLastLogManager;
import dev.inkwell.platform.WarmUp;

import io.helidon.common.configurable.AllowList;
import io.helidon.http.RequestedUriDiscoveryContext;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

/**
 * {@code inkwell serve}: migrates (when asked to), listens, warms up, then turns ready. On SIGTERM
 * or SIGINT (a JVM shutdown hook) it turns unready at once, keeps serving for the drain delay while
 * the proxies stop sending, then stops; the JVM exits 143 (SIGTERM) or 130 (SIGINT), as any Java
 * process stopped by a signal. Helidon's own hook is off (it would stop the server before the
 * drain), and logging lasts until the hook is done ({@link StopLastLogManager}).
 */
public final class ServeCommand {

    private static final System.Logger LOG = System.getLogger(ServeCommand.class.getName());

    private final Settings settings;

    ServeCommand(Settings settings) {
        this.settings = settings;
    }

    int run() {
        Inkwell inkwell = new Inkwell(settings, Metrics.globalRegistry(), Clock.systemUTC());
        // Migrations and building the server overlap: both take a while, on different resources.
        FutureTask<Void> migrations = new FutureTask<>(() -> {
            if (settings.database().migrateOnStart()) {
                WhileUnreachable.migrate(inkwell);
            }
            return null;
        });
        Thread.ofPlatform().name("inkwell-migrations").start(migrations);
        WebServer built = server(settings, inkwell);
        try {
            migrations.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.EXIT_FAILURE;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
        inkwell.readiness().warmingUp();
        WebServer server = built.start();
        if (!server.isRunning()) {
            // Helidon logs why and returns a stopped server: the process would stay up, serving nothing.
            inkwell.close();
            throw new IllegalStateException("could not listen on port " + settings.server().port() + " and admin port "
                                                    + settings.server().adminPort() + " (see the error above)");
        }
        LOG.log(Level.INFO, "Inkwell listening on port " + server.port() + ", admin on port " + server.port("admin"));

        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("inkwell-stop").unstarted(() -> {
            inkwell.readiness().stopping();
            WhileUnreachable.pause(settings.server().drainDelay());
            server.stop();
            inkwell.close();
            LOG.log(Level.INFO, "Inkwell stopped");
            StopLastLogManager.closeHandlers();
        }));
        if (settings.server().warmUpRequests() > 0) {
            new WarmUp(ownAddress(server.port()), settings.server().warmUpRequests()).run();
        }
        inkwell.readiness().warmedUp();
        // Serving until a signal: the stop hook then does the rest and the JVM exits with the
        // signal's status, so this never returns.
        while (true) {
            LockSupport.park();
        }
    }

    /**
     * The web server: the public routes on the main port, health and metrics on the admin port
     * only. It registers no shutdown hook of its own: serve stops it, after the drain.
     */
    public static WebServer server(Settings settings, Inkwell inkwell) {
        return configure(WebServer.builder(), settings, inkwell).build();
    }

    /** {@link #server}'s settings on a given builder (the tests' servers are built by Helidon's test support). */
    public static WebServerConfig.Builder configure(WebServerConfig.Builder builder, Settings settings, Inkwell inkwell) {
        ObserveFeature observe = ObserveFeature.builder()
                .endpoint("/")
                .sockets(List.of("admin"))
                .addObserver(HealthObserver.builder().details(true).addChecks(inkwell.readiness().checks()).build())
                .addObserver(MetricsObserver.create())
                .build();
        return builder
                .config(settings.server().config())
                .host(settings.server().host())
                .port(settings.server().port())
                .shutdownHook(false)
                .shutdownGracePeriod(settings.server().shutdownTimeout())
                .directHandlers(ErrorMapper.directHandlers())
                .requestedUriDiscoveryContext(RequestedUriDiscoveryContext.builder()
                        // Behind the trusted proxies, X-Forwarded-Proto says whether the visitor used TLS.
                        .addDiscoveryType(RequestedUriDiscoveryContext.RequestedUriDiscoveryType.X_FORWARDED)
                        .trustedProxies(trustedProxies(settings))
                        .enabled(!settings.server().trustedProxies().isEmpty())
                        .build())
                .putSocket("admin", socket -> socket.host(settings.server().adminHost()).port(settings.server().adminPort()))
                .addFeature(observe)
                .routing(inkwell::routing);
    }

    /**
     * The proxies whose forwarded headers are believed. Helidon matches the peer as written by
     * InetSocketAddress, with a leading slash ("/127.0.0.1"), so both spellings are listed.
     */
    private static AllowList trustedProxies(Settings settings) {
        var allowed = AllowList.builder();
        for (String proxy : settings.server().trustedProxies()) {
            allowed.addAllowed(proxy).addAllowed("/" + proxy);
        }
        return allowed.build();
    }

    /** The main listener as seen from this host: loopback when it listens on every address. */
    private URI ownAddress(int port) {
        String host = switch (settings.server().host()) {
            case "0.0.0.0", "::", "" -> "127.0.0.1";
            default -> settings.server().host();
        };
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }
}
