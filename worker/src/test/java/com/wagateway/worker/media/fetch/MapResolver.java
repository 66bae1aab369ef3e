package com.wagateway.worker.media.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A DNS of the test's own: public-looking names mapped to chosen addresses; every lookup recorded. */
final class MapResolver implements HostResolver {

    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();
    final List<String> lookups = new CopyOnWriteArrayList<>();

    MapResolver map(String name, String... addresses) {
        names.put(name, Arrays.stream(addresses).map(MapResolver::literal).toList());
        return this;
    }

    @Override
    public List<InetAddress> resolve(String hostName) throws UnknownHostException {
        lookups.add(hostName);
        List<InetAddress> found = names.get(hostName);
        if (found == null) {
            throw new UnknownHostException(hostName);
        }
        return found;
    }

    /** An address from a literal without any lookup (the test's literals are plain dotted quads or IPv6). */
    static InetAddress literal(String text) {
        byte[] bytes = text.indexOf(':') >= 0 ? HostLiterals.parseIpv6(text).orElseThrow()
                : HostLiterals.parseIpv4(text).orElseThrow();
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
