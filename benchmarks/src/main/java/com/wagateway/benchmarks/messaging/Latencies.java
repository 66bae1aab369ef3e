package com.wagateway.benchmarks.messaging;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Latency samples of one measured window (nanoseconds), with percentiles at the end. Thread-safe to record. */
final class Latencies {

    private final long[] samples;
    private final AtomicInteger count = new AtomicInteger();

    Latencies(int capacity) {
        samples = new long[capacity];
    }

    void record(long nanos) {
        int i = count.getAndIncrement();
        if (i < samples.length) {
            samples[i] = nanos;
        }
    }

    int count() {
        return count.get();
    }

    /** p in [0, 100]; milliseconds. */
    double[] percentilesMillis(double... ps) {
        int n = Math.min(count.get(), samples.length);
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        double[] out = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            out[i] = n == 0 ? Double.NaN : sorted[Math.min(n - 1, (int) Math.ceil(ps[i] / 100.0 * n) - 1 < 0 ? 0
                    : (int) Math.ceil(ps[i] / 100.0 * n) - 1)] / 1e6;
        }
        return out;
    }
}
