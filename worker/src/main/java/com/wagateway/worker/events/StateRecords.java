package com.wagateway.worker.events;

import com.wagateway.worker.avro.SessionState;
import com.wagateway.worker.engine.AppliedCommands;
import com.wagateway.worker.engine.SessionSnapshot;
import com.wagateway.worker.session.SessionStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * {@link SessionSnapshot} to and from its {@code wa.session-state} record. A deleted session is a tombstone whose
 * headers keep the applied-command memory ({@link AppliedCommands}), so a redelivered command of a deleted session
 * is still recognised until the tombstone is compacted away ({@code delete.retention.ms}, 24 h by default).
 */
public final class StateRecords {

    static final String APPLIED_IDS = "wa-applied-ids";
    static final String APPLIED_PARTITION = "wa-applied-partition";
    static final String APPLIED_OFFSET = "wa-applied-offset";

    private StateRecords() {}

    public static SessionState toAvro(SessionSnapshot s) {
        return SessionState.newBuilder()
                .setSessionId(s.sessionId())
                .setEventId(s.eventId())
                .setWorkerId(s.ownerWorkerId())
                .setUpdatedAt(s.updatedAt())
                .setUserId(s.userId())
                .setSessionName(s.sessionName())
                .setStatus(s.status().wire())
                .setPhoneNumber(s.phoneNumber())
                .setQrCode(s.qrCode())
                .setQrString(s.qrString())
                .setError(s.error())
                .setLastActivity(s.lastActivity())
                .setCommandId(s.lastCommandId())
                .setAppliedCommandIds(s.applied().ids())
                .setCommandsPartition(s.applied().partition())
                .setAppliedOffset(s.applied().offset())
                .setReconnecting(s.reconnecting())
                .build();
    }

    public static SessionSnapshot fromAvro(SessionState a) {
        return new SessionSnapshot(a.getSessionId(), a.getUserId(), a.getSessionName(),
                SessionStatus.fromWire(a.getStatus()), a.getPhoneNumber(), a.getQrCode(), a.getQrString(),
                a.getError(), a.getLastActivity(), a.getUpdatedAt(), a.getWorkerId(), a.getEventId(),
                a.getCommandId(),
                new AppliedCommands(a.getAppliedCommandIds(), a.getCommandsPartition(), a.getAppliedOffset()),
                a.getReconnecting());
    }

    static List<Header> tombstoneHeaders(AppliedCommands applied) {
        return List.of(
                new RecordHeader(APPLIED_IDS, String.join(",", applied.ids()).getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(APPLIED_PARTITION, bytes(applied.partition())),
                new RecordHeader(APPLIED_OFFSET, bytes(applied.offset())));
    }

    /** The applied-command memory a tombstone carries; {@link AppliedCommands#NONE} when it carries none. */
    public static AppliedCommands fromTombstone(Headers headers) {
        Header ids = headers.lastHeader(APPLIED_IDS);
        Header partition = headers.lastHeader(APPLIED_PARTITION);
        Header offset = headers.lastHeader(APPLIED_OFFSET);
        if (ids == null || partition == null || offset == null) {
            return AppliedCommands.NONE;
        }
        String joined = new String(ids.value(), StandardCharsets.UTF_8);
        List<String> list = joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
        return new AppliedCommands(list, (int) number(partition.value()), number(offset.value()));
    }

    private static byte[] bytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.UTF_8);
    }

    private static long number(byte[] value) {
        return Long.parseLong(new String(value, StandardCharsets.UTF_8));
    }
}
