package com.wagateway.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;

/**
 * One emulator for all tests of a class, on a free port with its own data directory, and an admin client for it.
 * Registered as a static {@code @RegisterExtension} field; the steps most tests start with (a fresh phone, a
 * companion linked by QR, its login) are here so that they need not name the emulator and the admin client.
 */
final class EmulatorFixture implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<EmulatorConfig> configure;
    private Path data;
    private Emulator emulator;
    private AdminClient admin;

    EmulatorFixture() {
        this(UnaryOperator.identity());
    }

    /** {@code configure} adjusts the defaults (the port is already 0). */
    EmulatorFixture(UnaryOperator<EmulatorConfig> configure) {
        this.configure = configure;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("emulator-test");
        emulator = Emulator.start(configure.apply(EmulatorConfig.defaults(data).withPort(0)));
        admin = new AdminClient(emulator.adminUrl());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            emulator.close();
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(EmulatorFixture::delete);
            }
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Emulator emulator() {
        return emulator;
    }

    AdminClient admin() {
        return admin;
    }

    /** The PEM file of the media hosts' certificate: what a client trusting them is configured with. */
    Path mediaCertificatePath() {
        return emulator.mediaCertificatePath();
    }

    /** The media certificate as PEM text. */
    String mediaCertificatePem() {
        return emulator.mediaCertificatePem();
    }

    /** An HTTPS client for the media hosts trusting exactly the emulator's certificate. */
    MediaHttp mediaHttp() {
        return new MediaHttp(emulator.mediaCertificatePath());
    }

    /** The emulator's data directory. */
    Path data() {
        return data;
    }

    String newPhone() {
        return Pairings.newPhone(admin);
    }

    Pairings.Paired pairByQr(String phoneNumber) throws Exception {
        return Pairings.pairByQr(emulator, admin, phoneNumber);
    }

    /** A new phone with one companion linked by QR. */
    Pairings.Paired pairNewPhone() throws Exception {
        return pairByQr(newPhone());
    }

    TestCompanion.Conn login(Pairings.Paired paired) {
        return Pairings.login(emulator, paired);
    }

    /** See {@link AdminClient#sendText}. */
    String sendText(String from, String to, String text) {
        return admin.sendText(from, to, text);
    }

    /** See {@link AdminClient#awaitMessages}. */
    JsonNode awaitMessages(String phone, Predicate<JsonNode> until) throws InterruptedException {
        return admin.awaitMessages(phone, until);
    }

    /** A companion of {@code phoneNumber} linked by QR, logged in. */
    TestCompanion.Conn pairAndLogin(String phoneNumber) throws Exception {
        return login(pairByQr(phoneNumber));
    }
}
