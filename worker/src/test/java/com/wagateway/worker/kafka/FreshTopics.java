package com.wagateway.worker.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The worker's four topics under a random prefix on the {@link SharedKafka shared broker}, one partition each, and
 * clients for them: for tests that wire the engine, publisher or projector by hand rather than in a Spring context.
 */
public record FreshTopics(TopicNames names, KafkaClients clients) {

    /** {@code name} starts the prefix and the client id, so a test's records and groups are easy to tell apart. */
    public static FreshTopics create(String name) throws Exception {
        String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        TopicNames names = new TopicNames(prefix + "wa.commands", prefix + "wa.session-events",
                prefix + "wa.message-events", prefix + "wa.session-state");
        KafkaClients clients = new KafkaClients(new KafkaEndpoint(SharedKafka.bootstrapServers(), false),
                name + "-test");
        try (Admin admin = clients.admin(name + "-test")) {
            List<NewTopic> all = new ArrayList<>();
            for (String t : List.of(names.commands(), names.sessionEvents(), names.messageEvents(),
                    names.sessionState())) {
                all.add(new NewTopic(t, 1, (short) 1));
            }
            admin.createTopics(all).all().get();
        }
        return new FreshTopics(names, clients);
    }
}
