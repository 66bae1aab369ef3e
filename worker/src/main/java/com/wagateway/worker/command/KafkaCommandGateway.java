package com.wagateway.worker.command;

import com.wagateway.worker.avro.CommandEnvelope;
import com.wagateway.worker.kafka.AvroSerde;
import com.wagateway.worker.kafka.KafkaClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces commands to {@code wa.commands}, keyed by sessionId, and returns once Kafka acknowledged them.
 *
 * <h2>Nothing half-done</h2>
 * A caller told "503" must never see its command executed later. Three things make that hold:
 * <ol>
 *   <li><b>The producer gives up before we do.</b> With {@code ackTimeout} T: {@code max.block.ms} = 0.2 T (metadata,
 *       buffer space), {@code delivery.timeout.ms} = 0.6 T (it bounds retries and in-flight time and is the upper
 *       bound for the send's callback), {@code request.timeout.ms} = 0.5 T. So the send's future resolves, success or
 *       failure, within 0.8 T and the REST thread's wait of T sees the real outcome instead of giving up while the
 *       producer still retries in the background.</li>
 *   <li><b>A deadline travels with the command.</b> {@code notAfter} = acceptance time + T. {@code wa.commands} uses
 *       {@code LogAppendTime}, so the ack carries the broker's append time; an append after {@code notAfter} is
 *       answered 503 here, and the engine refuses to execute the same record for the same reason. A copy that
 *       reaches the log late (a retry of a batch the producer had already given up on) is therefore never run.</li>
 *   <li><b>What remains.</b> A record appended in time whose acknowledgement was lost (the producer reports a
 *       timeout for an in-flight batch that the broker did write) is executed although the caller got 503. No
 *       protocol closes that window without a second round trip; it needs the broker to write the record and then
 *       lose every response for the rest of the deadline. Clocks are assumed NTP-synchronised (skew well under
 *       0.2 T); the engine logs every command it refuses as late.</li>
 * </ol>
 * A transactional producer was considered: it moves the same ambiguity to {@code commitTransaction} (a commit that
 * times out may still have committed), serialises sends per producer and costs two more round trips per command.
 */
public final class KafkaCommandGateway implements CommandGateway, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCommandGateway.class);

    private final KafkaProducer<String, CommandEnvelope> producer;
    private final String topic;
    private final String workerId;
    private final Duration ackTimeout;
    private final Clock clock;

    public KafkaCommandGateway(KafkaClients clients, String topic, Duration ackTimeout, Clock clock) {
        long t = ackTimeout.toMillis();
        if (t < 500) {
            throw new IllegalArgumentException("COMMAND_ACK_TIMEOUT must be at least 500ms, was " + ackTimeout);
        }
        this.producer = clients.producer("commands", AvroSerde.serializer(CommandEnvelope.class), Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, t / 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) (t * 3 / 5),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (t / 2),
                ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
        this.topic = topic;
        this.workerId = clients.workerId();
        this.ackTimeout = ackTimeout;
        this.clock = clock;
    }

    @Override
    public void submit(SessionCommand command) throws CommandRejectedException {
        Instant accepted = clock.instant();
        Instant notAfter = accepted.plus(ackTimeout);
        String type = CommandCodec.typeName(command);
        CommandEnvelope record = CommandCodec.toAvro(command, workerId, notAfter);
        try {
            Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic, command.sessionId(), record));
            long waitMs = Math.max(1, Duration.between(clock.instant(), notAfter).toMillis());
            RecordMetadata meta = ack.get(waitMs, TimeUnit.MILLISECONDS);
            if (meta.hasTimestamp() && meta.timestamp() > notAfter.toEpochMilli()) {
                // the engine drops this record too (appended after its deadline): tell the caller the truth
                throw reject(command, type, "command appended after its deadline", null);
            }
            log.info("command accepted sessionId={} commandId={} type={} partition={} offset={}",
                    command.sessionId(), command.commandId(), type, meta.partition(), meta.offset());
        } catch (ExecutionException e) {
            throw reject(command, type, "kafka did not acknowledge the command", e.getCause());
        } catch (TimeoutException e) {
            throw reject(command, type, "kafka did not acknowledge the command within " + ackTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw reject(command, type, "interrupted while waiting for kafka", e);
        } catch (RuntimeException e) {
            throw reject(command, type, "kafka refused the command", e);
        }
    }

    private CommandRejectedException reject(SessionCommand c, String type, String why, Throwable cause) {
        log.warn("command rejected sessionId={} commandId={} type={} reason=\"{}\" cause=\"{}\"",
                c.sessionId(), c.commandId(), type, why, cause == null ? null : cause.toString());
        return new CommandRejectedException(why, cause);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
