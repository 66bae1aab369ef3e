package com.wagateway.emulator;

import com.wagateway.emulator.protocol.ClientVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an emulator runs. Build one with {@link #defaults(Path)} and the {@code with…} methods:
 * <pre>{@code
 * EmulatorConfig config = EmulatorConfig.defaults(tempDir)
 *         .withPort(0)                                            // ephemeral port
 *         .withRefLifetimes(Duration.ofSeconds(2), Duration.ofSeconds(1));
 * try (Emulator emulator = Emulator.start(config)) { ... }
 * }</pre>
 *
 * @param port               TCP port for the WebSocket and the admin API; 0 picks a free one
 * @param bindAddress        interface to listen on (127.0.0.1: nothing outside the machine reaches it)
 * @param dataDir            where keys, phones, devices, pre-keys and queues persist
 * @param refCount           refs in each {@code pair-device} (fact sheet §6 step 2: the real service sends 6)
 * @param firstRefLifetime   how long the first QR ref lives (Baileys shows it 60 s)
 * @param nextRefLifetime    how long each following ref lives (Baileys: 20 s)
 * @param pairingCodeLifetime how long a companion's pairing-code request stays valid
 * @param pairingTimeout     how long an admin link call waits for the companion's {@code pair-device-sign}
 *                           (and, for codes, its {@code companion_finish})
 * @param minClientVersion   oldest WhatsApp Web version accepted; older ones get
 *                           {@code <failure reason="405"/>} ("client outdated"); null accepts all
 * @param maxFrameLength     largest frame accepted from a client (§2.3: 2^24 − 1)
 * @param mediaPort          TCP port of the HTTPS media hosts (uploads, downloads); 0 picks a free one
 * @param maxMediaBytes      largest media upload accepted (also {@code maxContentLengthBytes} in {@code media_conn})
 * @param clock              time source for ref expiry, timestamps and certificates
 */
public record EmulatorConfig(int port, String bindAddress, Path dataDir, int refCount, Duration firstRefLifetime,
                             Duration nextRefLifetime, Duration pairingCodeLifetime, Duration pairingTimeout,
                             ClientVersion minClientVersion, int maxFrameLength, int mediaPort, long maxMediaBytes,
                             Clock clock) {

    public static final int DEFAULT_PORT = 8090;
    public static final int MAX_FRAME_LENGTH = (1 << 24) - 1;
    public static final int DEFAULT_MEDIA_PORT = 8091;
    /** 100 MiB: WhatsApp's own cap for video and documents (images are capped lower by clients). */
    public static final long DEFAULT_MAX_MEDIA_BYTES = 100L * 1024 * 1024;

    public EmulatorConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(firstRefLifetime, "firstRefLifetime");
        Objects.requireNonNull(nextRefLifetime, "nextRefLifetime");
        Objects.requireNonNull(pairingCodeLifetime, "pairingCodeLifetime");
        Objects.requireNonNull(pairingTimeout, "pairingTimeout");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (refCount < 1 || refCount > 64) {
            throw new IllegalArgumentException("refCount must be 1..64: " + refCount);
        }
        if (mediaPort < 0 || mediaPort > 65535) {
            throw new IllegalArgumentException("mediaPort must be 0..65535: " + mediaPort);
        }
        if (maxMediaBytes < 1) {
            throw new IllegalArgumentException("maxMediaBytes must be positive: " + maxMediaBytes);
        }
        if (maxFrameLength < 1024 || maxFrameLength > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength must be 1024.." + MAX_FRAME_LENGTH);
        }
    }

    /** Port 8090 on 127.0.0.1, six refs of 60 s then 20 s, codes valid 3 minutes, every client version accepted. */
    public static EmulatorConfig defaults(Path dataDir) {
        return new EmulatorConfig(DEFAULT_PORT, "127.0.0.1", dataDir, 6, Duration.ofSeconds(60),
                Duration.ofSeconds(20), Duration.ofMinutes(3), Duration.ofSeconds(20), null, MAX_FRAME_LENGTH,
                DEFAULT_MEDIA_PORT, DEFAULT_MAX_MEDIA_BYTES, Clock.systemUTC());
    }

    /**
     * {@code EMULATOR_PORT} (default 8090), {@code EMULATOR_DATA} (default {@code ./data/emulator}),
     * {@code EMULATOR_MEDIA_PORT} (default 8091; ephemeral when {@code EMULATOR_PORT} is 0), {@code EMULATOR_MEDIA_MAX_BYTES},
     * {@code EMULATOR_BIND}, {@code EMULATOR_MIN_CLIENT_VERSION}.
     */
    public static EmulatorConfig fromEnvironment(java.util.Map<String, String> env) {
        String data = env.getOrDefault("EMULATOR_DATA", "./data/emulator");
        EmulatorConfig config = defaults(Path.of(data));
        String port = env.get("EMULATOR_PORT");
        if (port != null && !port.isBlank()) {
            try {
                config = config.withPort(Integer.parseInt(port.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("EMULATOR_PORT is not a number: " + port, e);
            }
        }
        String mediaPort = env.get("EMULATOR_MEDIA_PORT");
        if (mediaPort != null && !mediaPort.isBlank()) {
            try {
                config = config.withMediaPort(Integer.parseInt(mediaPort.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("EMULATOR_MEDIA_PORT is not a number: " + mediaPort, e);
            }
        }
        String maxMedia = env.get("EMULATOR_MEDIA_MAX_BYTES");
        if (maxMedia != null && !maxMedia.isBlank()) {
            try {
                config = config.withMaxMediaBytes(Long.parseLong(maxMedia.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("EMULATOR_MEDIA_MAX_BYTES is not a number: " + maxMedia, e);
            }
        }
        String bind = env.get("EMULATOR_BIND");
        if (bind != null && !bind.isBlank()) {
            config = config.withBindAddress(bind.trim());
        }
        String min = env.get("EMULATOR_MIN_CLIENT_VERSION");
        if (min != null && !min.isBlank()) {
            config = config.withMinClientVersion(ClientVersion.parse(min.trim()));
        }
        return config;
    }

    /**
     * The chat/admin port. Port 0 also makes a media port still at its default ephemeral, so that every test or
     * load run asking for "any free port" gets free ports for both (set {@link #withMediaPort} after to override).
     */
    public EmulatorConfig withPort(int newPort) {
        int media = newPort == 0 && mediaPort == DEFAULT_MEDIA_PORT ? 0 : mediaPort;
        return new EmulatorConfig(newPort, bindAddress, dataDir, refCount, firstRefLifetime, nextRefLifetime,
                pairingCodeLifetime, pairingTimeout, minClientVersion, maxFrameLength, media, maxMediaBytes, clock);
    }

    public EmulatorConfig withBindAddress(String address) {
        return new EmulatorConfig(port, address, dataDir, refCount, firstRefLifetime, nextRefLifetime,
                pairingCodeLifetime, pairingTimeout, minClientVersion, maxFrameLength, mediaPort, maxMediaBytes, clock);
    }

    public EmulatorConfig withDataDir(Path dir) {
        return new EmulatorConfig(port, bindAddress, dir, refCount, firstRefLifetime, nextRefLifetime,
                pairingCodeLifetime, pairingTimeout, minClientVersion, maxFrameLength, mediaPort, maxMediaBytes, clock);
    }

    public EmulatorConfig withRefCount(int count) {
        return new EmulatorConfig(port, bindAddress, dataDir, count, firstRefLifetime, nextRefLifetime,
                pairingCodeLifetime, pairingTimeout, minClientVersion, maxFrameLength, mediaPort, maxMediaBytes, clock);
    }

    /** Shortens (or lengthens) QR ref lifetimes, e.g. to test rotation and expiry in seconds. */
    public EmulatorConfig withRefLifetimes(Duration first, Duration next) {
        return new EmulatorConfig(port, bindAddress, dataDir, refCount, first, next, pairingCodeLifetime,
                pairingTimeout, minClientVersion, maxFrameLength, mediaPort, maxMediaBytes, clock);
    }

    public EmulatorConfig withPairingCodeLifetime(Duration lifetime) {
        return new EmulatorConfig(port, bindAddress, dataDir, refCount, firstRefLifetime, nextRefLifetime, lifetime,
                pairingTimeout, minClientVersion, maxFrameLength, mediaPort, maxMediaBytes, clock);
    }

    public EmulatorConfig withPairingTimeout(Duration timeout) {
        return new EmulatorConfig(port, bindAddress, dataDir, refCount, firstRefLifetime, nextRefLifetime,
                pairingCodeLifetime, timeout, minClientVersion, maxFrameLength, mediaPort, maxMediaBytes, clock);
    }

    /** Clients announcing an older version are refused with 405; null accepts every version. */
    public EmulatorConfig withMinClientVersion(ClientVersion version) {
        return new EmulatorConfig(port, bindAddress, dataDir, refCount, firstRefLifetime, nextRefLifetime,
                pairingCodeLifetime, pairingTimeout, version, maxFrameLength, mediaPort, maxMediaBytes, clock);
    }

    /** The HTTPS media hosts' port; 0 picks a free one. */
    public EmulatorConfig withMediaPort(int port) {
        return new EmulatorConfig(this.port, bindAddress, dataDir, refCount, firstRefLifetime, nextRefLifetime,
                pairingCodeLifetime, pairingTimeout, minClientVersion, maxFrameLength, port, maxMediaBytes, clock);
    }

    /** The largest media upload accepted. */
    public EmulatorConfig withMaxMediaBytes(long bytes) {
        return new EmulatorConfig(port, bindAddress, dataDir, refCount, firstRefLifetime, nextRefLifetime,
                pairingCodeLifetime, pairingTimeout, minClientVersion, maxFrameLength, mediaPort, bytes, clock);
    }

    public EmulatorConfig withClock(Clock newClock) {
        return new EmulatorConfig(port, bindAddress, dataDir, refCount, firstRefLifetime, nextRefLifetime,
                pairingCodeLifetime, pairingTimeout, minClientVersion, maxFrameLength, mediaPort, maxMediaBytes, newClock);
    }

    /** When ref {@code index} (0-based) stops being accepted, counted from the pair-device that issued it. */
    public Duration refLifetime(int index) {
        return firstRefLifetime.plus(nextRefLifetime.multipliedBy(index));
    }
}
