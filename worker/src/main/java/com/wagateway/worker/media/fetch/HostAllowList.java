package com.wagateway.worker.media.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code MEDIA_ALLOWED_HOSTS}: hosts exempt from the private-address refusal. An entry is a host name (exact),
 * {@code *.example.com} (any name below example.com, not example.com itself) or an IP literal (matches that address
 * in any spelling of the URL). Names match the URL's host, never what it resolves to.
 */
final class HostAllowList {

    private final List<String> exactNames = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();
    private final List<byte[]> addresses = new ArrayList<>();

    HostAllowList(List<String> entries) {
        for (String raw : entries == null ? List.<String>of() : entries) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.endsWith(".")) {
                entry = entry.substring(0, entry.length() - 1);
            }
            if (entry.startsWith("*.")) {
                String suffix = entry.substring(1);
                if (suffix.length() < 2 || suffix.indexOf('*') >= 0) {
                    throw invalid(raw);
                }
                suffixes.add(suffix);
            } else if (entry.startsWith("[") && entry.endsWith("]")) {
                addresses.add(HostLiterals.parseIpv6(entry.substring(1, entry.length() - 1))
                        .map(HostAllowList::normalise).orElseThrow(() -> invalid(raw)));
            } else if (entry.indexOf(':') >= 0) {
                addresses.add(HostLiterals.parseIpv6(entry).map(HostAllowList::normalise)
                        .orElseThrow(() -> invalid(raw)));
            } else if (HostLiterals.looksLikeIpv4(entry)) {
                addresses.add(HostLiterals.parseIpv4(entry).orElseThrow(() -> invalid(raw)));
            } else if (entry.indexOf('*') >= 0 || entry.indexOf('/') >= 0) {
                throw invalid(raw);
            } else {
                exactNames.add(entry);
            }
        }
    }

    boolean isEmpty() {
        return exactNames.isEmpty() && suffixes.isEmpty() && addresses.isEmpty();
    }

    boolean allows(FetchTarget target) {
        if (target.literal() != null) {
            byte[] address = normalise(target.literal().getAddress());
            return addresses.stream().anyMatch(a -> Arrays.equals(a, address));
        }
        String host = target.host();
        return exactNames.contains(host) || suffixes.stream().anyMatch(host::endsWith);
    }

    /** IPv4-mapped IPv6 compares equal to its IPv4 address, as the connection would. */
    private static byte[] normalise(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException("worker.media.fetch.allowed-hosts (MEDIA_ALLOWED_HOSTS): '" + entry
                + "' is not a host name, *.domain or IP address");
    }
}
