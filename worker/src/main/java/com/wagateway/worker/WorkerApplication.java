package com.wagateway.worker;

import com.wagateway.worker.replay.ReplayCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {
    /** {@code replay …} runs the operator's replay command (docs/webhooks.md) instead of the worker. */
    public static void main(String[] args) {
        if (ReplayCommand.matches(args)) {
            System.exit(ReplayCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(WorkerApplication.class, args);
    }
}
