package com.wagateway.worker.media.fetch;

import com.wagateway.worker.media.fetch.MediaFetchException.Reason;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether a media URL may be fetched, in two steps: {@link #precheck} with what the URL itself says (scheme,
 * syntax, an IP literal in any spelling, a localhost name) — the REST API runs it before a send is queued — and
 * {@link #vet}, the single DNS lookup of a host name, every answer checked. If any address a name resolves to is
 * refused, the name is refused: picking the acceptable one would let an attacker keep the other for later.
 */
public final class MediaUrlGuard {

    private final AddressPolicy policy;
    private final HostResolver resolver;

    public MediaUrlGuard(MediaFetchProperties properties, HostResolver resolver) {
        this(new AddressPolicy(properties.allowPrivateNetworks(), new HostAllowList(properties.allowedHosts())),
                resolver);
    }

    MediaUrlGuard(AddressPolicy policy, HostResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /**
     * Everything known without a lookup. Throws for a scheme other than http/https, a malformed URL, and a host that
     * is a refused address literal or a localhost name.
     */
    public void check(String url) throws MediaFetchException {
        precheck(url);
    }

    FetchTarget precheck(String url) throws MediaFetchException {
        FetchTarget target = FetchTarget.parse(url);
        if (target.literal() != null) {
            refuseIfBlocked(target, target.literal(), target.describe());
        } else if (localhostName(target.host())) {
            // RFC 6761: these names are loopback by definition; no resolver may say otherwise
            Optional<AddressClass> refused = policy.refusal(AddressClass.LOOPBACK, target);
            if (refused.isPresent()) {
                throw blocked(target.describe() + " is a refused address: loopback name");
            }
        }
        return target;
    }

    /** The addresses the fetch may connect to for this target: the literal, or the vetted answers of one lookup. */
    List<InetAddress> vet(FetchTarget target, Duration timeLeft) throws MediaFetchException {
        if (target.literal() != null) {
            refuseIfBlocked(target, target.literal(), target.describe());
            return List.of(target.literal());
        }
        List<InetAddress> addresses = resolve(target.host(), timeLeft);
        if (addresses.isEmpty()) {
            throw new MediaFetchException(Reason.UNKNOWN_HOST, target.host() + " did not resolve");
        }
        for (InetAddress address : addresses) {
            refuseIfBlocked(target, address, target.host() + " resolves to " + HostLiterals.text(address) + ", which");
        }
        return addresses;
    }

    private void refuseIfBlocked(FetchTarget target, InetAddress address, String subject)
            throws MediaFetchException {
        Optional<AddressClass> refused = policy.refusal(target, address);
        if (refused.isPresent()) {
            throw blocked(subject + " is a refused address: " + refused.get().description());
        }
    }

    private static MediaFetchException blocked(String detail) {
        return new MediaFetchException(Reason.BLOCKED_ADDRESS, detail);
    }

    private static boolean localhostName(String host) {
        return host.equals("localhost") || host.endsWith(".localhost");
    }

    /** The lookup runs on its own virtual thread so the fetch's time limit also bounds a slow resolver. */
    private List<InetAddress> resolve(String host, Duration timeLeft) throws MediaFetchException {
        FutureTask<List<InetAddress>> lookup = new FutureTask<>(() -> resolver.resolve(host));
        Thread.ofVirtual().name("media-dns").start(lookup);
        try {
            List<InetAddress> result = lookup.get(Math.max(1, timeLeft.toMillis()), TimeUnit.MILLISECONDS);
            return result == null ? List.of() : List.copyOf(result);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new MediaFetchException(Reason.TIMEOUT, "looking up " + host + " took too long");
        } catch (InterruptedException e) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            throw new MediaFetchException(Reason.TIMEOUT, "interrupted while looking up " + host);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException) {
                throw new MediaFetchException(Reason.UNKNOWN_HOST, host + " did not resolve");
            }
            throw new MediaFetchException(Reason.UNKNOWN_HOST, "looking up " + host + " failed: "
                    + e.getCause().getClass().getSimpleName());
        }
    }
}
