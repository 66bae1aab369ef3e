package com.wagateway.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schemas in {@code schemas/avro} are a contract for other services, so each must stay FULL-compatible with
 * its previous release in {@code schemas/avro/previous}: the current schema reads what the previous one wrote
 * (a new worker reads old records, e.g. the compacted state) and the previous one reads what the current one
 * writes (old consumers keep working during a rolling upgrade). How to change a schema: docs/architecture.md.
 */
class AvroSchemaCompatibilityTest {

    static final Path CURRENT = Path.of("..", "schemas", "avro");
    static final Path PREVIOUS = CURRENT.resolve("previous");

    static Stream<String> schemaFiles() throws IOException {
        try (Stream<Path> files = Files.list(CURRENT)) {
            return files.filter(p -> p.toString().endsWith(".avsc")).map(p -> p.getFileName().toString()).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void currentSchemaIsFullyCompatibleWithItsPreviousRelease(String file) throws IOException {
        Path previousFile = PREVIOUS.resolve(file);
        assertThat(previousFile).as("every schema needs its previous release in schemas/avro/previous").exists();
        Schema current = parse(CURRENT.resolve(file));
        Schema previous = parse(previousFile);
        assertThat(current.getFullName()).isEqualTo(previous.getFullName());

        assertThat(compatibility(current, previous)).as("%s: current reads data written with previous", file)
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(compatibility(previous, current)).as("%s: previous reads data written with current", file)
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void everyTopicHasItsSchema() throws IOException {
        assertThat(schemaFiles().toList()).containsExactlyInAnyOrder(
                "CommandEnvelope.avsc", "SessionEvent.avsc", "MessageEvent.avsc", "SessionState.avsc");
    }

    /** The check can fail: a field added without a default breaks reading old data. */
    @Test
    void aFieldWithoutDefaultIsCaught() throws IOException {
        Schema previous = parse(CURRENT.resolve("SessionState.avsc"));
        String json = previous.toString().replaceFirst("\"fields\":\\[",
                "\"fields\":[{\"name\":\"mandatoryNew\",\"type\":\"string\"},");
        Schema broken = new Schema.Parser().parse(json);
        assertThat(compatibility(broken, previous)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    /** ...and so does a new union branch, for a reader that does not know it (hence FULL, not just BACKWARD). */
    @Test
    void aNewUnionBranchIsCaughtForOldReaders() throws IOException {
        Schema previous = parse(CURRENT.resolve("SessionEvent.avsc"));
        String json = previous.toString().replaceFirst("\\{\"type\":\"record\",\"name\":\"SessionDeleted\"",
                "{\"type\":\"record\",\"name\":\"SessionRenamed\",\"fields\":[]},{\"type\":\"record\",\"name\":\"SessionDeleted\"");
        Schema extended = new Schema.Parser().parse(json);
        assertThat(compatibility(extended, previous)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(compatibility(previous, extended)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void everyRecordCarriesIdsWorkerAndTimestamps() throws IOException {
        for (String file : List.of("CommandEnvelope.avsc", "SessionEvent.avsc", "MessageEvent.avsc", "SessionState.avsc")) {
            Schema s = parse(CURRENT.resolve(file));
            assertThat(s.getField("sessionId")).as(file).isNotNull();
            assertThat(s.getField("workerId")).as(file).isNotNull();
            assertThat(s.getField("commandId") != null || s.getField("eventId") != null).as(file).isTrue();
            boolean hasTimestamp = s.getFields().stream().anyMatch(f -> f.schema().getLogicalType() != null
                    && "timestamp-millis".equals(f.schema().getLogicalType().getName()));
            assertThat(hasTimestamp).as(file).isTrue();
        }
    }

    private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }

    private static Schema parse(Path file) throws IOException {
        return new Schema.Parser().parse(file.toFile());
    }
}
