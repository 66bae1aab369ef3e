package com.wagateway.benchmarks.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM the driver starts (the emulator, the worker), so each one's CPU time can be read on its own from
 * {@code /proc}. Its stdout and stderr go to files in its folder, which is also its working directory (relative
 * default paths such as {@code ./data/kafka} land there).
 */
public final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path stdout;

    private ChildJvm(String name, Process process, Path stdout) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
    }

    /**
     * @param jvmOptions e.g. {@code -Xmx1g}, {@code -XX:StartFlightRecording=…}
     * @param env added to this JVM's environment
     */
    public static ChildJvm start(String name, Path jar, Path dir, List<String> jvmOptions, Map<String, String> env)
            throws IOException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        Path out = dir.resolve(name + ".out");
        pb.redirectOutput(out.toFile());
        pb.redirectError(dir.resolve(name + ".err").toFile());
        return new ChildJvm(name, pb.start(), out);
    }

    public long pid() {
        return process.pid();
    }

    /** The value of the first {@code KEY=value} line on the child's stdout, waiting for it to appear. */
    public String awaitStdoutValue(String key, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " before printing " + key);
            }
            Optional<String> line = Files.readAllLines(stdout, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith(key + "=")).findFirst();
            if (line.isPresent()) {
                return line.get().substring(key.length() + 1).trim();
            }
            Thread.sleep(100);
        }
        throw new IOException(name + " printed no " + key + " within " + timeout);
    }

    void requireAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with " + process.exitValue());
        }
    }

    /** Runs {@code jcmd <pid> <args…>} (e.g. {@code JFR.start}) and waits for it. */
    void jcmd(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(process.pid()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + " failed: " + out);
        }
    }

    String name() {
        return name;
    }

    /** CPU seconds (user + system, all threads) the child has used so far. */
    public double cpuSeconds() throws IOException {
        return CpuTime.ofProcess(process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: both shut down cleanly (the emulator saves its phones, the worker its state)
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
