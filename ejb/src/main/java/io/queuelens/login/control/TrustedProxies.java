package io.queuelens.login.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} (and single sign-on header) are believed, as IP
 * addresses and CIDR ranges ({@code 10.0.0.5, 192.168.0.0/16, ::1}). A request from any other address
 * is taken at its socket's address: otherwise anyone could claim any address by sending the header.
 */
public final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    /**
     * @param setting comma-separated addresses and CIDRs; blank = none
     * @throws IllegalArgumentException naming the entry that is not an IP address or CIDR (no host names: no DNS)
     */
    public static TrustedProxies parse(String setting) {
        List<Range> ranges = new ArrayList<>();
        if (setting != null) {
            for (String raw : setting.split(",")) {
                String entry = raw.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                int slash = entry.indexOf('/');
                byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash))
                        .orElseThrow(() -> new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range"));
                int prefix = address.length * 8;
                if (slash >= 0) {
                    try {
                        prefix = Integer.parseInt(entry.substring(slash + 1));
                    } catch (NumberFormatException e) {
                        prefix = -1;
                    }
                    if (prefix < 0 || prefix > address.length * 8) {
                        throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0-" + address.length * 8);
                    }
                }
                ranges.add(new Range(address, prefix));
            }
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean trusts(String address) {
        Optional<byte[]> bytes = literal(address);
        return bytes.isPresent() && ranges.stream().anyMatch(r -> r.contains(bytes.get()));
    }

    /**
     * The client's address: the socket's peer, or, when that peer is a trusted proxy, the right-most
     * address of {@code X-Forwarded-For} that is not itself a trusted proxy (entries left of it could be
     * made up by the client).
     */
    public String clientAddress(String remoteAddr, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trusts(remoteAddr)) {
            return remoteAddr;
        }
        String[] hops = forwardedFor.split(",");
        String client = remoteAddr;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (literal(hop).isEmpty()) {
                return client; // garbage: stop at the last address we could read
            }
            client = hop;
            if (!trusts(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** The bytes of an IP literal; never a DNS lookup (host names give empty). */
    static Optional<byte[]> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = IPV4.matcher(t).matches();
        boolean v6 = t.indexOf(':') >= 0 && IPV6.matcher(t).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        if (v4) {
            for (String part : t.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            byte[] b = InetAddress.getByName(t).getAddress();
            return Optional.of(b);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
