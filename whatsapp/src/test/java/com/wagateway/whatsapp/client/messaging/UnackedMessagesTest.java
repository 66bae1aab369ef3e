package com.wagateway.whatsapp.client.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.jid.Jid;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnackedMessagesTest {

    static IncomingMessage message(String id, String text) {
        Jid alice = Jid.parse("15550000002@s.whatsapp.net");
        return new IncomingMessage(id, alice, alice, null, alice, "text", text, Instant.EPOCH, null, false, null);
    }

    @Test
    void boundedByCountAndTextOldestOutFirst() {
        UnackedMessages kept = new UnackedMessages(3, 10);
        kept.put("a/1", message("1", "aaa"));
        kept.put("a/2", message("2", "bbb"));
        kept.put("a/3", message("3", "ccc"));
        kept.put("a/4", message("4", null));
        assertThat(kept.get("a/1")).as("count bound").isNull();
        assertThat(kept.size()).isEqualTo(3);
        kept.put("a/5", message("5", "dddddd"));
        assertThat(kept.get("a/2")).as("text bound: 3 + 3 + 6 > 10").isNull();
        assertThat(kept.get("a/3")).isNotNull();
        kept.put("a/6", message("6", "x".repeat(11)));
        assertThat(kept.get("a/6")).as("larger than the whole budget: not kept").isNull();
        kept.remove("a/3");
        kept.remove("a/4");
        kept.remove("a/5");
        assertThat(kept.size()).isZero();
        kept.put("a/7", message("7", "x".repeat(10)));
        assertThat(kept.get("a/7")).isNotNull();
    }
}
