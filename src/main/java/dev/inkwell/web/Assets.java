package dev.inkwell.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import dev.inkwell.platform.Routes;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The site's static files, served under names that carry a hash of their content
 * ({@code /assets/inkwell.3f2a9c1b.css}), so browsers and proxies may keep them forever and a
 * new release is picked up at once.
 */
public final class Assets implements HttpService {

    private static final List<String> FILES = List.of("inkwell.css", "inkwell.js", "favicon.svg");

    /** A file as served: its bytes and content type. */
    private record Asset(byte[] content, String contentType) {
    }

    private final Map<String, String> urls = new HashMap<>();
    private final Map<String, Asset> byHashedName = new HashMap<>();

    public Assets() {
        for (String file : FILES) {
            byte[] content = read(file);
            String hash = HexFormat.of().formatHex(sha256(content)).substring(0, 12);
            int dot = file.lastIndexOf('.');
            String hashed = file.substring(0, dot) + "." + hash + file.substring(dot);
            urls.put(file, "/assets/" + hashed);
            byHashedName.put(hashed, new Asset(content, contentType(file)));
        }
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "").get("/assets/{file}", this::serve);
    }

    /** The URL of a static file, for templates. */
    public String url(String file) {
        String url = urls.get(file);
        if (url == null) {
            throw new IllegalArgumentException("no such asset: " + file);
        }
        return url;
    }

    /**
     * Writes the hashed files, and gzipped copies, under {@code dir/assets/}, for a web server in
     * front of Inkwell to serve from disk.
     */
    public void writeTo(Path dir) throws IOException {
        Path assets = Files.createDirectories(dir.resolve("assets"));
        for (Map.Entry<String, Asset> entry : byHashedName.entrySet()) {
            Files.write(assets.resolve(entry.getKey()), entry.getValue().content());
            try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(assets.resolve(entry.getKey() + ".gz")))) {
                gzip.write(entry.getValue().content());
            }
        }
    }

    private void serve(ServerRequest req, ServerResponse res) {
        Asset asset = byHashedName.get(req.path().pathParameters().get("file"));
        if (asset == null) {
            throw PageException.notFound();
        }
        res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=31536000, immutable");
        res.status(Status.OK_200).send(asset.content());
    }

    private static byte[] read(String file) {
        try (InputStream in = Assets.class.getResourceAsStream("/static/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing static file " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return "image/svg+xml";
    }
}
