package com.wagateway.worker.session;

import com.wagateway.worker.avro.SessionState;
import com.wagateway.worker.engine.AppliedCommands;
import com.wagateway.worker.engine.SessionSnapshot;
import com.wagateway.worker.engine.SessionSnapshotSource;
import com.wagateway.worker.events.StateRecords;
import com.wagateway.worker.kafka.AvroCodec;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.TopicTail;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every worker's view of {@code wa.session-state}: read from the beginning at start (the topic is compacted, so
 * that is one record per live session plus recent tombstones) and then followed, so a status the engine publishes
 * is visible here within a poll interval. A tombstone removes the session ({@code GET status} answers 404) and
 * leaves its applied-command memory for the engine (bounded to the {@value #DELETED_KEPT} most recent deletions).
 */
public final class SessionStateView extends TopicTail implements SessionDirectory, SessionSnapshotSource {

    static final int DELETED_KEPT = 10_000;
    private static final AvroCodec<SessionState> STATES = AvroCodec.of(SessionState.class);

    private final Map<String, SessionSnapshot> sessions = new ConcurrentHashMap<>();
    private final Map<String, AppliedCommands> deleted = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, AppliedCommands> eldest) {
                    return size() > DELETED_KEPT;
                }
            });

    public SessionStateView(KafkaClients clients, String topic) {
        super(clients, topic, "session-state");
    }

    @Override
    protected void apply(ConsumerRecord<String, byte[]> record) {
        String sessionId = record.key();
        if (sessionId == null) {
            return;
        }
        if (record.value() == null) {
            sessions.remove(sessionId);
            deleted.put(sessionId, StateRecords.fromTombstone(record.headers()));
            return;
        }
        SessionSnapshot s = StateRecords.fromAvro(STATES.decode(record.value()));
        sessions.put(sessionId, s);
        deleted.remove(sessionId);
    }

    @Override
    public Optional<SessionView> find(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).map(SessionSnapshot::toView);
    }

    @Override
    public Collection<SessionView> all() {
        return sessions.values().stream().map(SessionSnapshot::toView).toList();
    }

    /** Every known session's last published state; the engine resumes its own live ones after an assignment. */
    public List<SessionSnapshot> snapshots() {
        return List.copyOf(sessions.values());
    }

    @Override
    public Loaded load(String sessionId) {
        SessionSnapshot s = sessions.get(sessionId);
        return new Loaded(s, s != null ? AppliedCommands.NONE : deleted.getOrDefault(sessionId, AppliedCommands.NONE));
    }
}
