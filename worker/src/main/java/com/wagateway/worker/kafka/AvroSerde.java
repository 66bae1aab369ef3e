package com.wagateway.worker.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka (de)serializers over {@link AvroCodec}; a null value (a tombstone) stays null both ways. */
public final class AvroSerde {

    private AvroSerde() {}

    public static <T extends SpecificRecord> Serializer<T> serializer(Class<T> type) {
        AvroCodec<T> codec = AvroCodec.of(type);
        return (topic, value) -> value == null ? null : codec.encode(value);
    }

    public static <T extends SpecificRecord> Deserializer<T> deserializer(Class<T> type) {
        AvroCodec<T> codec = AvroCodec.of(type);
        return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
    }
}
