package com.wagateway.worker.api;

import com.wagateway.worker.command.CommandGateway;
import com.wagateway.worker.command.CommandRejectedException;
import com.wagateway.worker.command.SessionCommand;
import com.wagateway.worker.media.store.MediaStore;
import com.wagateway.worker.message.MessageHistory;
import com.wagateway.worker.message.MessagePage;
import com.wagateway.worker.message.MessageStatus;
import com.wagateway.worker.message.SendOutcome;
import com.wagateway.worker.message.SendOutcomes;
import com.wagateway.worker.session.PairingCodes;
import com.wagateway.worker.session.SessionDirectory;
import com.wagateway.worker.session.SessionStatus;
import com.wagateway.worker.session.SessionView;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** In-memory implementations of the four contracts the facade codes against, scriptable per test. */
@TestConfiguration(proxyBeanMethods = false)
public class ContractFakes {

    @Bean
    FakeDirectory sessionDirectory() {
        return new FakeDirectory();
    }

    @Bean
    RecordingGateway commandGateway() {
        return new RecordingGateway();
    }

    @Bean
    ScriptedOutcomes sendOutcomes() {
        return new ScriptedOutcomes();
    }

    @Bean
    FakeHistory messageHistory() {
        return new FakeHistory();
    }

    /** Received media in a temporary folder of this test run ({@code MediaControllerTest} writes into it). */
    @Bean
    MediaStore mediaStore() throws java.io.IOException {
        return new MediaStore(java.nio.file.Files.createTempDirectory("wa-api-media"), java.time.Clock.systemUTC());
    }

    @Bean
    FakePairingCodes pairingCodes() {
        return new FakePairingCodes();
    }

    /** Answers every pairing-code wait with {@link #answer} (null: no answer in time). */
    public static final class FakePairingCodes implements PairingCodes {
        volatile Answer answer = new Answer("ABCD-1234", null);
        final List<String> expected = new CopyOnWriteArrayList<>();

        @Override
        public void expect(String commandId) {
            expected.add(commandId);
        }

        @Override
        public Answer await(String commandId, Duration timeout) {
            if (!expected.contains(commandId)) {
                throw new AssertionError("await before expect");
            }
            return answer;
        }

        @Override
        public void forget(String commandId) {
            expected.remove(commandId);
        }
    }

    /** Resets every fake; tests call it in {@code @BeforeEach} since the context (and the fakes) are cached. */
    static void reset(FakeDirectory directory, RecordingGateway gateway, ScriptedOutcomes outcomes,
                      FakeHistory history) {
        directory.sessions.clear();
        gateway.commands.clear();
        gateway.rejecting = false;
        outcomes.script = id -> new SendOutcome(id, MessageStatus.SENT, Instant.parse("2024-01-15T10:30:00Z"), null);
        outcomes.awaited.clear();
        history.calls.clear();
        history.page = new MessagePage(List.of(), 0, false);
    }

    static SessionView session(String id, SessionStatus status) {
        return session(id, status, "worker-test");
    }

    static SessionView session(String id, SessionStatus status, String ownerWorkerId) {
        return new SessionView(id, "user-" + id, "Name " + id, status, null, null, null, null,
                Instant.parse("2024-01-15T10:30:00Z"), ownerWorkerId, false);
    }

    public static final class FakeDirectory implements SessionDirectory {
        final Map<String, SessionView> sessions = new ConcurrentHashMap<>();

        void put(SessionView view) {
            sessions.put(view.sessionId(), view);
        }

        @Override
        public Optional<SessionView> find(String sessionId) {
            return Optional.ofNullable(sessions.get(sessionId));
        }

        @Override
        public Collection<SessionView> all() {
            return List.copyOf(sessions.values());
        }
    }

    public static final class RecordingGateway implements CommandGateway {
        final List<SessionCommand> commands = new CopyOnWriteArrayList<>();
        volatile boolean rejecting;

        @Override
        public void submit(SessionCommand command) throws CommandRejectedException {
            if (rejecting) {
                throw new CommandRejectedException("no ack from Kafka within 5s", null);
            }
            commands.add(command);
        }

        SessionCommand only() {
            if (commands.size() != 1) {
                throw new AssertionError("expected exactly one command, got " + commands);
            }
            return commands.getFirst();
        }
    }

    public static final class ScriptedOutcomes implements SendOutcomes {
        volatile Function<String, SendOutcome> script;
        final Map<String, Duration> awaited = new ConcurrentHashMap<>();

        @Override
        public SendOutcome await(String messageId, Duration timeout) {
            awaited.put(messageId, timeout);
            return script.apply(messageId);
        }
    }

    public static final class FakeHistory implements MessageHistory {
        final List<int[]> calls = new CopyOnWriteArrayList<>();
        volatile MessagePage page;

        @Override
        public MessagePage page(String sessionId, int limit, int offset) {
            calls.add(new int[]{limit, offset});
            return page;
        }
    }
}
