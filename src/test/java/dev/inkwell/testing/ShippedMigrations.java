package dev.inkwell.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The migrations this release ships, read from the classpath: no test goes stale with the next one. */
public final class ShippedMigrations {

    private ShippedMigrations() {
    }

    /** Every V&lt;version&gt;__&lt;description&gt;.sql under db/migration, lowest first. */
    public static List<Integer> versions() {
        try (Stream<Path> files = Files.list(Path.of(
                ShippedMigrations.class.getClassLoader().getResource("db/migration").toURI()))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.+\\.sql"))
                    .map(name -> Integer.valueOf(name.substring(1, name.indexOf("__"))))
                    .sorted()
                    .toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the migrations on the classpath", e);
        }
    }

    public static int latest() {
        return versions().getLast();
    }
}
