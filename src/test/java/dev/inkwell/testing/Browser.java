package dev.inkwell.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Chromium from Debian's packages, with a fresh profile, driven through chromedriver. */
public final class Browser {

    private Browser() {
    }

    public static ChromeDriver start() {
        return start(true);
    }

    /** A browser with JavaScript on or off (off: what visitors without it get). */
    public static ChromeDriver start(boolean javascript) {
        // The driver is given explicitly; Selenium Manager must never go looking on the network.
        System.setProperty("SE_OFFLINE", "true");
        try {
            Path profile = Files.createTempDirectory("inkwell-chromium");
            ChromeOptions options = new ChromeOptions()
                    .setBinary("/usr/bin/chromium")
                    .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                  "--disable-background-networking", "--disable-component-update",
                                  "--disable-sync", "--no-first-run", "--disable-quic",
                                  "--user-data-dir=" + profile);
            if (!javascript) {
                options.setExperimentalOption("prefs",
                        java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                    .usingAnyFreePort()
                    .build();
            // The profile goes with the browser: Chromium fills it, so deleteOnExit could not remove it.
            ChromeDriver driver = new ChromeDriver(service, options) {
                @Override
                public void quit() {
                    super.quit();
                    TestServices.deleteTree(profile);
                }
            };
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            return driver;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
