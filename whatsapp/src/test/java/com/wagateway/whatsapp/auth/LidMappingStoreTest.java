package com.wagateway.whatsapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.jid.Jid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LidMappingStoreTest {

    @TempDir
    Path dir;

    @Test
    void learnsAndAnswersBothWaysAcrossARestart() {
        LidMappingStore mappings = new LidMappingStore(new FileCredentialStore(dir));
        assertThat(mappings.lidUserFor("15551234567")).isEmpty();
        mappings.learn(Jid.parse("15551234567:2@s.whatsapp.net"), Jid.parse("987654321:2@lid"));
        assertThat(mappings.lidUserFor("15551234567")).contains("987654321");
        assertThat(mappings.pnUserFor("987654321")).contains("15551234567");

        LidMappingStore restarted = new LidMappingStore(new FileCredentialStore(dir));
        assertThat(restarted.lidFor(Jid.parse("15551234567:7@s.whatsapp.net"))).contains(Jid.parse("987654321:7@lid"));
        assertThat(restarted.pnFor(Jid.parse("987654321@lid"))).contains(Jid.parse("15551234567@s.whatsapp.net"));
        assertThat(restarted.lidFor(Jid.parse("15550000000@s.whatsapp.net"))).isEmpty();
        restarted.learn("15559999999", "111");
        assertThat(restarted.lidFor(Jid.parse("15559999999:99@hosted"))).contains(Jid.parse("111:99@hosted.lid"));
        assertThat(restarted.pnFor(Jid.parse("111:99@hosted.lid"))).contains(Jid.parse("15559999999:99@hosted"));
    }

    @Test
    void aUsyncAnswerIsWrittenWithOneWritePerTouchedShardAndRepeatsWriteNothing() throws IOException {
        FileCredentialStore files = new FileCredentialStore(dir);
        LidMappingStore mappings = new LidMappingStore(files, 16);
        Map<String, String> usync = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            usync.put(Long.toString(4915100000000L + i), Long.toString(200000000000L + i * 7L));
        }
        mappings.learnAll(usync);
        assertThat(files.writes.get()).isLessThanOrEqualTo(2 * LidMappingStore.SHARDS);
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.matches("lid-(pn|lid)-[0-9]{2}")).hasSize(2 * LidMappingStore.SHARDS);
        }
        int writes = files.writes.get();
        mappings.learnAll(usync);
        assertThat(files.writes.get()).isEqualTo(writes);

        LidMappingStore restarted = new LidMappingStore(new FileCredentialStore(dir), 16);
        usync.forEach((pn, lid) -> {
            assertThat(restarted.lidUserFor(pn)).contains(lid);
            assertThat(restarted.pnUserFor(lid)).contains(pn);
        });
    }

    @Test
    void aChangedLidOrNumberLeavesOneConsistentPair() {
        LidMappingStore mappings = new LidMappingStore(new FileCredentialStore(dir));
        mappings.learn("100", "900");
        mappings.learn("100", "901"); // the LID changed
        assertThat(mappings.lidUserFor("100")).contains("901");
        assertThat(mappings.pnUserFor("900")).isEmpty();
        assertThat(mappings.pnUserFor("901")).contains("100");

        mappings.learn("101", "901"); // the account moved to another number
        assertThat(mappings.pnUserFor("901")).contains("101");
        assertThat(mappings.lidUserFor("100")).isEmpty();

        LidMappingStore restarted = new LidMappingStore(new FileCredentialStore(dir));
        assertThat(restarted.lidUserFor("100")).isEmpty();
        assertThat(restarted.pnUserFor("900")).isEmpty();
        assertThat(restarted.lidUserFor("101")).contains("901");
    }

    @Test
    void lookupsAreCachedButBounded() {
        FileCredentialStore files = new FileCredentialStore(dir);
        LidMappingStore mappings = new LidMappingStore(files, 4);
        mappings.learn("1", "91");
        int reads = files.reads.get();
        assertThat(mappings.lidUserFor("1")).contains("91");
        assertThat(mappings.pnUserFor("91")).contains("1");
        assertThat(files.reads.get()).isEqualTo(reads);
        for (int i = 2; i < 10; i++) {
            mappings.lidUserFor(Integer.toString(i));
        }
        mappings.lidUserFor("1");
        assertThat(files.reads.get()).isEqualTo(reads + 9);
    }

    @Test
    void badInputAndBrokenStorageFailClearly() throws IOException {
        FileCredentialStore files = new FileCredentialStore(dir);
        LidMappingStore mappings = new LidMappingStore(files);
        assertThatThrownBy(() -> mappings.learn(Jid.parse("1@lid"), Jid.parse("2@lid"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mappings.learn("", "2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mappings.pnFor(Jid.parse("1@s.whatsapp.net"))).isInstanceOf(IllegalArgumentException.class);

        files.write(LidMappingStore.shardName("lid-pn-", "5"), new byte[] {(byte) 0xff, 0x7f});
        assertThatThrownBy(() -> mappings.lidUserFor("5")).isInstanceOf(UncheckedIOException.class);
        files.failing = true;
        assertThatThrownBy(() -> mappings.learn("6", "96")).isInstanceOf(UncheckedIOException.class);
        files.failing = false;
        assertThat(mappings.lidUserFor("6")).as("nothing cached from the failed write").isEmpty();
    }
}
