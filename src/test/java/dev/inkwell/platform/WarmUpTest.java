package dev.inkwell.platform;

import java.net.ServerSocket;
import java.net.URI;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.ServedApp;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ServerTest
class WarmUpTest {

    @RegisterExtension
    static final ServedApp app = new ServedApp();

    private final Api api;
    private final int port;

    WarmUpTest(URI uri) {
        this.api = new Api(uri);
        this.port = uri.getPort();
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void everyWarmUpReadIsAnsweredAndThoseOfAnArticleJoinOnceThereIsOne() {
        URI base = URI.create("http://127.0.0.1:" + port);
        WarmUp.Outcome empty = new WarmUp(base, 12).run();
        assertEquals(12, empty.answered());
        assertEquals(0, empty.failed());
        assertEquals(4, empty.paths(), "pages and lists only");

        Api.User author = api.register("warm");
        api.publish(author, "Warm ünïcode title", "java");
        WarmUp.Outcome full = new WarmUp(base, 45).run();
        assertEquals(45, full.answered());
        assertEquals(0, full.failed());
        assertEquals(9, full.paths(), "also the article, its comments and its author");
    }

    @Test
    void anInstanceThatDoesNotAnswerEndsTheWarmUpWithFailures() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        WarmUp.Outcome outcome = new WarmUp(URI.create("http://127.0.0.1:" + closed), 20).run();
        assertEquals(0, outcome.answered());
        assertEquals(20, outcome.failed());
    }
}
