package com.wagateway.worker.media.fetch;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Which addresses a fetch may connect to. Public addresses always; private, loopback, shared and unique-local ones
 * with {@code MEDIA_ALLOW_PRIVATE_NETWORKS} or for an allow-listed host; reserved ones only for an allow-listed host;
 * link-local (the cloud metadata service) only for an allow-listed IP literal (a URL naming the address itself,
 * listed as an address), never through a name entry; unspecified, multicast and broadcast never.
 */
final class AddressPolicy {

    private final boolean allowPrivateNetworks;
    private final HostAllowList allowList;

    AddressPolicy(boolean allowPrivateNetworks, HostAllowList allowList) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.allowList = allowList;
    }

    boolean allowListed(FetchTarget target) {
        return allowList.allows(target);
    }

    /** Empty when allowed, else the class that refuses it. */
    Optional<AddressClass> refusal(FetchTarget target, InetAddress address) {
        return refusal(AddressClass.of(address), target);
    }

    /**
     * @param target the URL's host: an allow-listed IP literal matched an address entry, an allow-listed name a name
     *               or {@code *.domain} entry
     */
    Optional<AddressClass> refusal(AddressClass cls, FetchTarget target) {
        boolean allowListed = allowListed(target);
        boolean allowed = switch (cls.exemption()) {
            case NONE_NEEDED -> true;
            case PRIVATE_NETWORKS -> allowPrivateNetworks || allowListed;
            case ALLOW_LIST -> allowListed;
            case ALLOW_LISTED_LITERAL -> allowListed && target.literal() != null;
            case NEVER -> false;
        };
        return allowed ? Optional.empty() : Optional.of(cls);
    }
}
