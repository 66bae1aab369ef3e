package com.wagateway.worker.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.worker.engine.AppliedCommands;
import com.wagateway.worker.engine.SessionSnapshot;
import com.wagateway.worker.session.SessionStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class StateRecordsTest {

    @Test
    void snapshotRoundTripsThroughItsStateRecord() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SessionSnapshot s = new SessionSnapshot("s1", "u1", "Name", SessionStatus.CONNECTED, "+62811", null, null, null,
                at, at, "w1", "e1", "c2", new AppliedCommands(List.of("c1", "c2"), 3, 41), false);
        assertThat(StateRecords.fromAvro(StateRecords.toAvro(s))).isEqualTo(s);
        SessionSnapshot retrying = s.withStatus(SessionStatus.DISCONNECTED).withError("connection lost")
                .withReconnecting(true);
        assertThat(StateRecords.fromAvro(StateRecords.toAvro(retrying))).isEqualTo(retrying);
        assertThat(retrying.withStatus(SessionStatus.CONNECTED).reconnecting()).isFalse();
    }

    @Test
    void aTombstoneCarriesTheAppliedCommandMemory() {
        AppliedCommands applied = new AppliedCommands(List.of("c1", "c9"), 2, 77);
        RecordHeaders headers = new RecordHeaders(StateRecords.tombstoneHeaders(applied));
        assertThat(StateRecords.fromTombstone(headers)).isEqualTo(applied);
        assertThat(StateRecords.fromTombstone(new RecordHeaders())).isEqualTo(AppliedCommands.NONE);
    }
}
