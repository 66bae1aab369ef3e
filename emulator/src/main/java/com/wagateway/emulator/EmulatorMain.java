package com.wagateway.emulator;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar emulator/target/emulator-0.1.0.jar}: starts the emulator from {@code EMULATOR_PORT}
 * and {@code EMULATOR_DATA} and prints the two settings the worker needs, then runs until stopped.
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Logs go to stderr, so stdout carries exactly the two settings; the file is not named
        // logback.xml so that processes embedding the emulator keep their own logging setup.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "emulator-logback.xml");
        }
        EmulatorConfig config = EmulatorConfig.fromEnvironment(System.getenv());
        Emulator emulator = Emulator.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown"));
        System.out.println(emulator.workerSettings());
        System.err.println("admin API: " + emulator.adminUrl() + " (docs/emulator.md)");
        System.out.flush();
        stopped.await();
    }
}
