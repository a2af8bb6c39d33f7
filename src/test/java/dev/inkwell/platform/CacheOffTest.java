package dev.inkwell.platform;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.ServedApp;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CACHE_TTL=PT0S turns the read cache off: every read comes from the database, as it is now. */
@ServerTest
class CacheOffTest {

    @RegisterExtension
    static final ServedApp app = new ServedApp(java.util.Map.of("CACHE_TTL", "PT0S"));

    private final Api api;

    CacheOffTest(URI uri) {
        this.api = new Api(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void everyReadComesFromTheDatabase() throws Exception {
        Api.User author = api.register("uncached");
        String slug = api.publish(author, "Before", "uncached");
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

    private String title(String slug) {
        return api.get("/api/articles/" + slug).json().getJsonObject("article").getString("title");
    }
}
