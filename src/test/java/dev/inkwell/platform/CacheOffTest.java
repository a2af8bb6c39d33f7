package dev.inkwell.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.RunningApp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CACHE_TTL=PT0S turns the read cache off: every read comes from the database, as it is now. */
class CacheOffTest {

    @RegisterExtension
    static final RunningApp app = new RunningApp(java.util.Map.of("CACHE_TTL", "PT0S"));

    @Test
    void everyReadComesFromTheDatabase() throws Exception {
        Api.User author = app.api().register("uncached");
        String slug = app.api().publish(author, "Before", "uncached");
        for (int i = 0; i < 3; i++) {
            assertEquals("Before", title(slug));
        }
        // Behind the app's back, so nothing invalidates: only a read from the database can see it.
        DatabaseUrl url = DatabaseUrl.parse(app.environment().get("DATABASE_URL"));
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE articles SET title = 'After'");
        }
        assertEquals("After", title(slug));
    }

    private static String title(String slug) {
        return app.api().get("/api/articles/" + slug).json().getJsonObject("article").getString("title");
    }
}
