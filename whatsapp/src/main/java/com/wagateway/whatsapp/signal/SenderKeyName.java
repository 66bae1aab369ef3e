package com.wagateway.whatsapp.signal;

import java.util.Objects;

/** Which sender key: the group and the sending device (fact sheet §9.7), stored as {@code group::name::device}. */
public record SenderKeyName(String groupId, SignalAddress sender) {

    public SenderKeyName {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(sender, "sender");
    }

    public String serialize() {
        return groupId + "::" + sender.name() + "::" + sender.deviceId();
    }
}
