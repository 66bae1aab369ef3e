package com.wagateway.benchmarks.messaging;

import java.util.List;

/** One measured window of one path (REST or Kafka). */
record RunResult(String path, long sent, long failed, double seconds, Latencies latency, Latencies secondLatency,
                 String secondLatencyName, List<String> firstErrors) {

    double perSecond() {
        return sent / seconds;
    }
}
