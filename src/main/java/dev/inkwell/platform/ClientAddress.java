package dev.inkwell.platform;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The address of the client behind a request. {@code X-Forwarded-For} is believed only when the
 * connection comes from a trusted proxy, and then only up to the first address that is not one.
 */
public final class ClientAddress {

    private final Set<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies.stream().map(ClientAddress::normalize).toList());
    }

    public String of(ServerRequest request) {
        String peer = peerAddress(request);
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> forwarded = request.headers().values(HeaderNames.X_FORWARDED_FOR).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String hop = normalize(forwarded.get(i));
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private static String peerAddress(ServerRequest request) {
        if (request.remotePeer().address() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return normalize(inet.getAddress().getHostAddress());
        }
        return "unknown";
    }

    private static String normalize(String address) {
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.equals("0:0:0:0:0:0:0:1")) {
            return "::1";
        }
        return a;
    }
}
