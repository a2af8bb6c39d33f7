package dev.inkwell.platform;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The address of the client behind a request. {@code X-Forwarded-For} is believed only when the
 * connection comes from a trusted proxy, and then only up to the first address that is not one.
 */
public final class ClientAddress {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

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

    /**
     * The key that per-address limits count against: an IPv4 address, or the /64 network of an
     * IPv6 address (one subscriber usually holds a whole /64, so counting single addresses would
     * give each client 2^64 tries).
     */
    public String limitKey(ServerRequest request) {
        return limitKey(of(request));
    }

    static String limitKey(String address) {
        if (!address.contains(":") || !IP_LITERAL.matcher(address).matches()) {
            return address;
        }
        try {
            // A literal (checked above), so no name is ever looked up.
            InetAddress parsed = InetAddress.getByName(address);
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            byte[] bytes = parsed.getAddress();
            StringBuilder network = new StringBuilder();
            for (int group = 0; group < 4; group++) {
                network.append(Integer.toHexString(((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff)))
                        .append(':');
            }
            return network.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
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
