package com.wagateway.whatsapp.client.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.jid.Jid;
import org.junit.jupiter.api.Test;

class OutboundTrackerTest {

    static final Jid CHAT = Jid.parse("15550000002@s.whatsapp.net");

    static OutboundTracker.Recent message(int bytes) {
        return new OutboundTracker.Recent(CHAT, new byte[bytes], null);
    }

    @Test
    void recentMessagesAreBoundedByCountOrBytesWhicheverComesFirst() {
        OutboundTracker byCount = new OutboundTracker(3, 1_000_000);
        for (int i = 1; i <= 4; i++) {
            byCount.remember("c" + i, message(10));
        }
        assertThat(byCount.recent("c1")).isNull();
        assertThat(byCount.recent("c2")).isNotNull();
        assertThat(byCount.recentCount()).isEqualTo(3);

        int budget = 3 * (1000 + OutboundTracker.ENTRY_OVERHEAD);
        OutboundTracker byBytes = new OutboundTracker(100, budget);
        for (int i = 1; i <= 4; i++) {
            byBytes.remember("b" + i, message(1000));
        }
        assertThat(byBytes.recentCount()).isEqualTo(3);
        assertThat(byBytes.recent("b1")).isNull();
        byBytes.remember("big", message(budget));
        assertThat(byBytes.recent("big")).as("larger than the whole budget: not kept").isNull();
        assertThat(byBytes.recentCount()).isEqualTo(3);
        byBytes.remember("b4", message(10)); // replacing an entry frees its bytes: b2, b3 and the new b4 fit
        assertThat(byBytes.recentCount()).isEqualTo(3);
        byBytes.remember("b5", message(1000)); // b2 (least recently used) makes room
        assertThat(byBytes.recent("b2")).isNull();
        assertThat(byBytes.recent("b3")).isNotNull();
        assertThat(byBytes.recentCount()).isEqualTo(3);
    }
}
