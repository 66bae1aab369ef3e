package com.wagateway.worker.media.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The one DNS lookup of a fetch. The fetcher vets every address this returns and connects only to those, so a name
 * that answers differently the second time (DNS rebinding) is never asked twice. Tests map public-looking names to
 * addresses of their choice.
 */
@FunctionalInterface
public interface HostResolver {

    /** Host names only: IP literals are parsed by {@link HostLiterals} and never reach a resolver. */
    List<InetAddress> resolve(String hostName) throws UnknownHostException;

    HostResolver SYSTEM = hostName -> List.of(InetAddress.getAllByName(hostName));
}
