package com.wagateway.worker.relay;

/** The Backend's webhooks; {@link #tag()} names them in metrics, logs and dead letters. */
public enum WebhookKind {
    SESSION_STATUS("session_status"),
    MESSAGE_STATUS("message_status"),
    MESSAGE("message");

    private final String tag;

    WebhookKind(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    public static WebhookKind fromTag(String tag) {
        for (WebhookKind k : values()) {
            if (k.tag.equals(tag)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown webhook kind: " + tag);
    }
}
