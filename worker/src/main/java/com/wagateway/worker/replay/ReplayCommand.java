package com.wagateway.worker.replay;

import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code java -jar worker.jar replay --topic wa.webhooks.dlt} or
 * {@code replay --from 2026-11-24T10:00:00Z [--to …] [--session ID] [--topic wa.session-events]}: re-sends events to
 * the Backend's webhooks, printing progress and a summary. Exit status 0 when everything matched was sent (or had
 * no webhook), 1 when some failed, 2 for a usage or set-up error. Settings come from the same environment variables
 * as the worker ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_TOPIC_PREFIX}, {@code BACKEND_URL}, …).
 */
public final class ReplayCommand {

    static final String USAGE = "usage: replay (--topic wa.webhooks.dlt | --from <ISO-8601>) [--to <ISO-8601>] "
            + "[--session <sessionId>] [--topic wa.session-events|wa.message-events]";

    private ReplayCommand() {}

    public static boolean matches(String[] args) {
        return args.length > 0 && "replay".equals(args[0]);
    }

    /** Entry from {@code main}: args after {@code replay}. */
    public static int run(String[] args) {
        return run(args, Map.of(), System.out);
    }

    /** @param overrides settings that win over the environment (tests point it at their broker and Backend) */
    public static int run(String[] args, Map<String, Object> overrides, PrintStream out) {
        ReplayRequest request;
        try {
            request = parse(args);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            out.println("replay: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        Map<String, Object> settings = new HashMap<>(overrides);
        settings.putIfAbsent("logging.level.root", "warn");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ReplayCliContext.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .initializers(c -> c.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("replay-overrides", settings)))
                .run()) {
            ReplaySummary summary = context.getBean(Replayer.class).replay(request, out::println);
            summary.failedEvents().forEach(id -> out.println("failed event " + id));
            return summary.ok() ? 0 : 1;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            out.println("replay failed: " + root.getMessage());
            return 2;
        }
    }

    static ReplayRequest parse(String[] args) {
        String topic = null;
        Instant from = null;
        Instant to = null;
        String session = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--topic" -> topic = value;
                case "--from" -> from = Instant.parse(value);
                case "--to" -> to = Instant.parse(value);
                case "--session" -> session = value;
                default -> throw new IllegalArgumentException("unknown option " + name + " in " + Arrays.toString(args));
            }
        }
        return new ReplayRequest(topic, from, to, session);
    }
}
