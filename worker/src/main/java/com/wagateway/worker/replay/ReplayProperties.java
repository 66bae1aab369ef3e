package com.wagateway.worker.replay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param retryBudget how long a replayed event is retried on 5xx, 408, 429 or no answer before it counts as failed
 *                    (an operator is waiting: much shorter than the relay's); other 4xx fail at once
 */
@ConfigurationProperties("worker.replay")
public record ReplayProperties(Duration retryBudget) {

    public ReplayProperties {
        retryBudget = retryBudget == null ? Duration.ofSeconds(30) : retryBudget;
    }
}
