package com.wagateway.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.worker.avro.CommandEnvelope;
import com.wagateway.worker.avro.SendMessageCommand;
import com.wagateway.worker.avro.SessionState;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.junit.jupiter.api.Test;

class AvroCodecTest {

    @Test
    void commandRoundTripsInSingleObjectEncoding() {
        AvroCodec<CommandEnvelope> codec = AvroCodec.of(CommandEnvelope.class);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CommandEnvelope env = CommandEnvelope.newBuilder().setCommandId("c1").setSessionId("s1").setWorkerId("w1")
                .setIssuedAt(at).setNotAfter(at.plusSeconds(5))
                .setPayload(SendMessageCommand.newBuilder().setMessageId("m1").setTo("62811").setType("text")
                        .setText("hello").build())
                .build();
        byte[] bytes = codec.encode(env);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(CommandEnvelope.getClassSchema()));
        assertThat(codec.decode(bytes)).isEqualTo(env);
    }

    @Test
    void previousSchemasShipWithTheBuild() {
        assertThat(AvroCodec.previousVersions("com.wagateway.worker.avro.SessionState")).isNotEmpty();
    }

    /** A record written by another schema version (here: a writer with one field less) is resolved by fingerprint. */
    @Test
    void readsRecordsWrittenWithAKnownOlderSchema() throws Exception {
        Schema older = new Schema.Parser().parse("""
                {"type":"record","name":"SessionState","namespace":"com.wagateway.worker.avro","fields":[
                 {"name":"sessionId","type":"string"},{"name":"eventId","type":"string"},
                 {"name":"workerId","type":"string"},
                 {"name":"updatedAt","type":{"type":"long","logicalType":"timestamp-millis"}},
                 {"name":"status","type":"string"},
                 {"name":"lastActivity","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
        GenericRecord r = new GenericData.Record(older);
        r.put("sessionId", "s1");
        r.put("eventId", "e1");
        r.put("workerId", "w1");
        r.put("updatedAt", 1000L);
        r.put("status", "connected");
        r.put("lastActivity", 2000L);
        ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(r);
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);

        AvroCodec<SessionState> unknownWriter = AvroCodec.of(SessionState.class);
        assertThatThrownBy(() -> unknownWriter.decode(bytes)).isInstanceOf(MissingSchemaException.class);

        var decoder = new org.apache.avro.message.BinaryMessageDecoder<SessionState>(
                org.apache.avro.specific.SpecificData.getForClass(SessionState.class), SessionState.getClassSchema());
        decoder.addSchema(older);
        SessionState s = decoder.decode(bytes);
        assertThat(s.getStatus()).isEqualTo("connected");
        assertThat(s.getAppliedCommandIds()).isEqualTo(List.of());
        assertThat(s.getAppliedOffset()).isEqualTo(-1L);
    }

    @Test
    void tombstonesStayNull() {
        assertThat(AvroSerde.serializer(SessionState.class).serialize("t", null)).isNull();
        assertThat(AvroSerde.deserializer(SessionState.class).deserialize("t", null)).isNull();
    }
}
