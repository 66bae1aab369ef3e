package com.wagateway.worker.kafka;

import com.wagateway.worker.avro.CommandEnvelope;
import com.wagateway.worker.avro.CommandFailed;
import com.wagateway.worker.avro.CreateSessionCommand;
import com.wagateway.worker.avro.DeleteSessionCommand;
import com.wagateway.worker.avro.DisconnectSessionCommand;
import com.wagateway.worker.avro.LogoutSessionCommand;
import com.wagateway.worker.avro.MediaReference;
import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageReceived;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.avro.ReceivedMedia;
import com.wagateway.worker.avro.RestartSessionCommand;
import com.wagateway.worker.avro.SendMessageCommand;
import com.wagateway.worker.avro.SessionDeleted;
import com.wagateway.worker.avro.SessionEvent;
import com.wagateway.worker.avro.SessionState;
import com.wagateway.worker.avro.SessionStatusChanged;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Avro single-object encoding ({@code C3 01}, the writer schema's 8-byte CRC-64-AVRO fingerprint, then the body)
 * for one generated record type. There is no schema registry: the fingerprint is resolved against the schemas
 * this build knows, i.e. the current one and the previous versions shipped under {@code avro/previous/}
 * (copied from {@code schemas/avro/previous}), so a worker reads what the previous release wrote.
 */
public final class AvroCodec<T extends SpecificRecord> {

    static {
        // Avro 1.12 refuses to instantiate classes it has not been told to trust (toolchain notes §5).
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.DEFAULT,
                ClassSecurityValidator.builder()
                        .add(CommandEnvelope.class).add(CreateSessionCommand.class).add(RestartSessionCommand.class)
                        .add(DisconnectSessionCommand.class).add(LogoutSessionCommand.class)
                        .add(DeleteSessionCommand.class).add(SendMessageCommand.class).add(MediaReference.class)
                        .add(SessionEvent.class).add(SessionStatusChanged.class).add(SessionDeleted.class)
                        .add(CommandFailed.class).add(MessageEvent.class).add(MessageStatusChanged.class)
                        .add(MessageReceived.class).add(ReceivedMedia.class).add(SessionState.class)
                        .build()));
    }

    private static final Map<String, List<Schema>> PREVIOUS = loadPrevious();

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroCodec(Class<T> type) {
        this.type = type;
        SpecificData data = SpecificData.getForClass(type);
        Schema schema = data.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(data, schema);
        this.decoder = new BinaryMessageDecoder<>(data, schema);
        for (Schema previous : PREVIOUS.getOrDefault(schema.getFullName(), List.of())) {
            decoder.addSchema(previous);
        }
    }

    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        return new AvroCodec<>(type);
    }

    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode " + type.getSimpleName(), e);
        }
    }

    /** @throws org.apache.avro.message.MissingSchemaException when the writer schema is unknown to this build */
    public T decode(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not decode " + type.getSimpleName(), e);
        }
    }

    /** Previous schema versions by full name, for tests and the decoder. */
    public static List<Schema> previousVersions(String fullName) {
        return PREVIOUS.getOrDefault(fullName, List.of());
    }

    private static Map<String, List<Schema>> loadPrevious() {
        Map<String, List<Schema>> byName = new HashMap<>();
        try {
            Resource[] files = new PathMatchingResourcePatternResolver(AvroCodec.class.getClassLoader())
                    .getResources("classpath*:avro/previous/*.avsc");
            for (Resource file : files) {
                try (InputStream in = file.getInputStream()) {
                    Schema schema = new Schema.Parser().parse(in);
                    byName.computeIfAbsent(schema.getFullName(), k -> new ArrayList<>()).add(schema);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read previous Avro schemas from avro/previous", e);
        }
        return byName;
    }
}
