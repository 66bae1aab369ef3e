package com.wagateway.worker.session;

import com.wagateway.worker.avro.CommandFailed;
import com.wagateway.worker.avro.SessionEvent;
import com.wagateway.worker.avro.SessionStatusChanged;
import com.wagateway.worker.kafka.AvroCodec;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.TopicTail;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Lets a REST call wait for the engine's answer to its pairing-code request, whichever worker owns the session:
 * follows {@code wa.session-events} from its end and hands the event carrying the request's command id (the code,
 * or the {@code CommandFailed} reason) to the waiting call. Holds nothing but the pending waits.
 */
public final class PairingCodeAnswers extends TopicTail implements PairingCodes {

    private static final AvroCodec<SessionEvent> EVENTS = AvroCodec.of(SessionEvent.class);

    private final Map<String, CompletableFuture<Answer>> waiting = new ConcurrentHashMap<>();

    public PairingCodeAnswers(KafkaClients clients, String sessionEventsTopic) {
        super(clients, sessionEventsTopic, "pairing-codes");
    }

    @Override
    protected boolean fromLatest() {
        return true;
    }

    @Override
    protected void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null || waiting.isEmpty()) {
            return;
        }
        SessionEvent e = EVENTS.decode(record.value());
        if (e.getCommandId() == null) {
            return;
        }
        CompletableFuture<Answer> w = waiting.get(e.getCommandId());
        if (w == null) {
            return;
        }
        switch (e.getPayload()) {
            case SessionStatusChanged s when s.getPairingCode() != null -> w.complete(new Answer(s.getPairingCode(), null));
            case CommandFailed f -> w.complete(new Answer(null, f.getReason()));
            default -> { }
        }
    }

    @Override
    public void expect(String commandId) {
        waiting.put(commandId, new CompletableFuture<>());
    }

    @Override
    public Answer await(String commandId, Duration timeout) {
        CompletableFuture<Answer> w = waiting.get(commandId);
        if (w == null) {
            throw new IllegalStateException("expect() first");
        }
        try {
            return w.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            waiting.remove(commandId);
        }
    }

    @Override
    public void forget(String commandId) {
        waiting.remove(commandId);
    }
}
