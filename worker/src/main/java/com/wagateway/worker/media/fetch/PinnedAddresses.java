package com.wagateway.worker.media.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's DNS for one fetch: it answers only with the addresses {@link MediaUrlGuard#vet} accepted for a
 * host and never looks anything up, so the client connects to exactly what was checked (no second lookup a rebinding
 * DNS server could answer differently). A host nobody vetted is an error, not a lookup.
 */
final class PinnedAddresses implements DnsResolver {

    /** Thrown for a host the fetch did not vet; reported as a blocked address. */
    static final class UnvettedHostException extends UnknownHostException {
        UnvettedHostException(String host) {
            super(host + " was not vetted for this fetch");
        }
    }

    private final Map<String, InetAddress[]> pinned = new ConcurrentHashMap<>();

    void pin(String host, List<InetAddress> addresses) {
        pinned.put(key(host), addresses.toArray(InetAddress[]::new));
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = pinned.get(key(host));
        if (addresses == null) {
            throw new UnvettedHostException(host);
        }
        return addresses.clone();
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host; // no reverse or CNAME lookups either
    }

    private static String key(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.toLowerCase(Locale.ROOT);
    }
}
