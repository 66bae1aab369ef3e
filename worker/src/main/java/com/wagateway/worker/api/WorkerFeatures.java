package com.wagateway.worker.api;

import com.wagateway.worker.message.MessageType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which message types this worker sends (env {@code WORKER_MESSAGE_TYPES}, default all five:
 * {@code text,image,document,audio,video}). {@code GET /info} reports them as {@code capabilities} and
 * {@code POST /send} refuses the others with 400, so an operator can switch media sending off (e.g.
 * {@code WORKER_MESSAGE_TYPES=text}) and the Backend is told so.
 *
 * @param messageTypes wire names ({@code text}, {@code image}, {@code document}, {@code audio}, {@code video})
 */
@ConfigurationProperties("worker.features")
public record WorkerFeatures(List<String> messageTypes) {

    public WorkerFeatures {
        if (messageTypes == null || messageTypes.isEmpty()) {
            messageTypes = Arrays.stream(MessageType.values()).map(MessageType::wire).toList();
        }
        messageTypes = messageTypes.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String type : messageTypes) {
            if (MessageType.fromWire(type).isEmpty()) {
                String allowed = Arrays.stream(MessageType.values()).map(MessageType::wire)
                        .collect(Collectors.joining(", "));
                throw new IllegalArgumentException("worker.features.message-types (WORKER_MESSAGE_TYPES): unknown type '"
                        + type + "'; allowed: " + allowed);
            }
        }
    }

    public Set<MessageType> supported() {
        EnumSet<MessageType> set = EnumSet.noneOf(MessageType.class);
        messageTypes.forEach(t -> set.add(MessageType.fromWire(t).orElseThrow()));
        return set;
    }

    /** Wire names in the enum's order, for {@code /info}. */
    public List<String> capabilities() {
        return supported().stream().map(MessageType::wire).toList();
    }
}
