package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.binary.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's "200 sessions paired concurrently" case from the emulator's side: 200 admin link calls
 * wait for their companions at the same time (on virtual threads, not Jetty's pool), then all 200
 * devices stay logged in on one phone each.
 */
class ConcurrentPairingTest {

    private static final int SESSIONS = 200;

    @TempDir
    Path data;

    @Test
    void twoHundredCompanionsPairAndLogInConcurrently() throws Exception {
        try (Emulator emulator = Emulator.start(EmulatorConfig.defaults(data).withPort(0));
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            AdminClient admin = new AdminClient(emulator.adminUrl());
            List<CompletableFuture<TestCompanion.Conn>> sessions = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                sessions.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return Pairings.login(emulator, Pairings.pairByQr(emulator, admin, Pairings.newPhone(admin)));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            List<TestCompanion.Conn> connections = new ArrayList<>();
            for (CompletableFuture<TestCompanion.Conn> session : sessions) {
                connections.add(session.get());
            }
            assertThat(admin.get("server").body().path("loggedIn").asInt()).isEqualTo(SESSIONS);
            assertThat(connections.getLast().iq("w:p", "get", Node.of("ping")).attr("type")).isEqualTo("result");
            connections.forEach(TestCompanion.Conn::close);
        }
    }
}
