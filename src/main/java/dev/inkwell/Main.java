package dev.inkwell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

import dev.inkwell.platform.Settings;
import dev.inkwell.platform.StopLastLogManager;
import dev.inkwell.web.Assets;

import io.helidon.logging.common.LogConfig;

/**
 * Starts Inkwell: reads the settings and runs one command. {@code serve} (the default),
 * {@code migrate} (apply database migrations and exit), {@code schema-check} (whether this
 * release can run on the database's schema, before a rollback), {@code demo} (load demo content
 * into an empty database) and {@code assets DIR} (write the static files, with hashed names, for a
 * web server to serve). Every command but {@code serve} returns its exit status; {@code serve} runs
 * until a signal, and its stop hook ends the process.
 */
public final class Main {

    static {
        // Before anything logs: serve's stop hook must be able to log until it is done.
        System.setProperty("java.util.logging.manager", StopLastLogManager.class.getName());
    }

    private static final System.Logger LOG = System.getLogger(Main.class.getName());
    /** Exit codes: 0 success, 1 failure at run time, 2 invalid configuration, 3 the database schema
     * is newer than this release, 64 unknown command or missing argument. */
    static final int EXIT_FAILURE = 1;
    static final int EXIT_CONFIG = 2;
    static final int EXIT_SCHEMA_AHEAD = 3;
    static final int EXIT_USAGE = 64;

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
        int status;
        try {
            status = switch (command) {
                case "serve" -> new ServeCommand(settings).run();
                case "migrate" -> new MigrateCommand(settings).run();
                case "schema-check" -> new SchemaCheckCommand(settings).run();
                case "demo" -> new DemoCommand(settings).run();
                case "assets" -> writeAssets(args);
                default -> {
                    System.err.println("usage: inkwell [serve|migrate|schema-check|demo|assets DIR]");
                    yield EXIT_USAGE;
                }
            };
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "inkwell " + command + " failed", e);
            System.err.println("inkwell: " + command + " failed: " + e.getMessage());
            status = EXIT_FAILURE;
        }
        System.exit(status);
    }

    private static int writeAssets(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: inkwell assets DIR");
            return EXIT_USAGE;
        }
        try {
            new Assets().writeTo(Path.of(args[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}
