package com.wagateway.worker.media.fetch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tests' connection seam: connects only to 127.0.0.0/8 and ::1. Anything else is recorded as a violation and
 * fails the test with an AssertionError (which the fetcher does not catch), so a guard that lets a private or
 * metadata address through breaks a test and never sends a packet there. Whole-worker tests register it as the
 * worker's {@link Dialer} bean and check {@link #violations()} at the end.
 */
public final class LoopbackOnlyDialer implements Dialer {

    final List<InetSocketAddress> calls = new CopyOnWriteArrayList<>();
    final List<InetSocketAddress> violations = new CopyOnWriteArrayList<>();

    @Override
    public void dial(InetSocketAddress address, int timeoutMillis, Connect connect) throws IOException {
        calls.add(address);
        if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
            violations.add(address);
            throw new AssertionError("the fetcher tried to connect to " + address + ", outside loopback");
        }
        connect.to(address, timeoutMillis);
    }

    /** Every address the fetcher asked for. */
    public List<InetSocketAddress> calls() {
        return List.copyOf(calls);
    }

    /** The addresses outside loopback it asked for (and was refused): empty unless a guard let one through. */
    public List<InetSocketAddress> violations() {
        return List.copyOf(violations);
    }
}
