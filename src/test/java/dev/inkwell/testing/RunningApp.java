package dev.inkwell.testing;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Inkwell for all tests of a class: {@code @RegisterExtension static final RunningApp app
 * = new RunningApp();} starts it before the first test and stops it after the last.
 */
public final class RunningApp implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> environment;
    private TestApp app;

    public RunningApp() {
        this(Map.of());
    }

    /** With some environment variables set or replaced, as {@link TestApp#start(Map)}. */
    public RunningApp(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        app = TestApp.start(environment);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        app.close();
    }

    public Api api() {
        return app.api();
    }

    public Api admin() {
        return app.admin();
    }

    public int port() {
        return app.port();
    }

    public Map<String, String> environment() {
        return app.environment();
    }

    public dev.inkwell.Inkwell inkwell() {
        return app.inkwell();
    }

    public HttpResponse<String> ready() {
        return app.ready();
    }
}
