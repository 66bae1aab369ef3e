package com.wagateway.emulator.store;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.RandomSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The virtual phones and their linked devices: all in memory (a phone is a few hundred bytes) and
 * written through to {@code phones/<number>.json} on every change, so a restarted emulator keeps them.
 * Pre-keys and message queues live in their own files ({@link PreKeyStore}, {@link MessageQueueStore}).
 */
public final class PhoneStore {

    /** E.164 digits without '+': country code and number, like the user part of a JID. */
    private static final Pattern PHONE_NUMBER = Pattern.compile("[1-9][0-9]{5,17}");
    /** Device numbers travel in one byte of an AD_JID (§5.7); 0 is the phone itself. */
    public static final int MAX_DEVICE_ID = 255;

    private final JsonFiles files;
    private final Path dir;
    private final RandomSource random;
    private final Clock clock;
    private final Map<String, PhoneRecord> phones = new HashMap<>();
    private final Map<String, String> phoneByLid = new HashMap<>();

    public PhoneStore(JsonFiles files, Path dataDir, RandomSource random, Clock clock) {
        this.files = files;
        this.dir = dataDir.resolve("phones");
        this.random = random;
        this.clock = clock;
        files.ensureDirectory(dir);
        load();
    }

    public static boolean isValidNumber(String number) {
        return number != null && PHONE_NUMBER.matcher(number).matches();
    }

    /** Creates a phone with fresh account keys; empty if the number already exists. */
    public synchronized Optional<PhoneRecord> create(String phoneNumber) {
        if (!isValidNumber(phoneNumber)) {
            throw new IllegalArgumentException("phoneNumber must be 6-18 digits without '+': " + phoneNumber);
        }
        if (phones.containsKey(phoneNumber)) {
            return Optional.empty();
        }
        PhoneRecord phone = new PhoneRecord(phoneNumber, newLidUser(), registrationId(),
                Curve25519.generateKeyPair(random).privateKey(), 1, 1, clock.instant(), List.of());
        save(phone);
        return Optional.of(phone);
    }

    public synchronized Optional<PhoneRecord> get(String phoneNumber) {
        return Optional.ofNullable(phones.get(phoneNumber));
    }

    public synchronized Optional<PhoneRecord> byLid(String lidUser) {
        String number = phoneByLid.get(lidUser);
        return number == null ? Optional.empty() : Optional.ofNullable(phones.get(number));
    }

    public synchronized List<PhoneRecord> list() {
        List<PhoneRecord> all = new ArrayList<>(phones.values());
        all.sort(Comparator.comparing(PhoneRecord::phoneNumber));
        return all;
    }

    /**
     * Reserves the next device number and key index of a phone for a companion being paired (fact sheet
     * §6: key index increments per linked device). Reserved numbers are never handed out twice.
     */
    public synchronized DeviceSlot reserveDevice(String phoneNumber) {
        PhoneRecord phone = require(phoneNumber);
        if (phone.nextDeviceId() > MAX_DEVICE_ID) {
            throw new IllegalStateException("phone " + phoneNumber + " has used all " + MAX_DEVICE_ID + " device numbers");
        }
        DeviceSlot slot = new DeviceSlot(phone.nextDeviceId(), phone.nextKeyIndex());
        save(new PhoneRecord(phone.phoneNumber(), phone.lidUser(), phone.registrationId(), phone.identityPrivateKey(),
                phone.nextDeviceId() + 1, phone.nextKeyIndex() + 1, phone.createdAt(), phone.devices()));
        return slot;
    }

    /** Adds or replaces a device. */
    public synchronized PhoneRecord putDevice(String phoneNumber, DeviceRecord device) {
        PhoneRecord phone = require(phoneNumber);
        PhoneRecord updated = phone.withDevice(device, phone.nextDeviceId(), phone.nextKeyIndex());
        save(updated);
        return updated;
    }

    /**
     * Changes a linked device in one step under the store's lock, so a concurrent unlink is never undone
     * by a stale copy; empty if the device is not linked (any more).
     */
    public synchronized Optional<DeviceRecord> updateDevice(String phoneNumber, int deviceId,
                                                            UnaryOperator<DeviceRecord> change) {
        PhoneRecord phone = phones.get(phoneNumber);
        DeviceRecord device = phone == null ? null : phone.device(deviceId);
        if (device == null) {
            return Optional.empty();
        }
        DeviceRecord updated = change.apply(device);
        save(phone.withDevice(updated, phone.nextDeviceId(), phone.nextKeyIndex()));
        return Optional.of(updated);
    }

    /** Records a device's login; true the first time after it was linked. */
    public synchronized boolean markLoggedIn(String phoneNumber, int deviceId) {
        PhoneRecord phone = phones.get(phoneNumber);
        DeviceRecord device = phone == null ? null : phone.device(deviceId);
        if (device == null || device.firstLoginAt() != null) {
            return false;
        }
        save(phone.withDevice(device.withFirstLogin(clock.instant()), phone.nextDeviceId(), phone.nextKeyIndex()));
        return true;
    }

    /** Removes a device; false if it was not linked. */
    public synchronized boolean removeDevice(String phoneNumber, int deviceId) {
        PhoneRecord phone = phones.get(phoneNumber);
        if (phone == null || phone.device(deviceId) == null) {
            return false;
        }
        save(phone.withoutDevice(deviceId));
        return true;
    }

    private PhoneRecord require(String phoneNumber) {
        PhoneRecord phone = phones.get(phoneNumber);
        if (phone == null) {
            throw new IllegalArgumentException("no phone " + phoneNumber);
        }
        return phone;
    }

    private void save(PhoneRecord phone) {
        files.write(dir.resolve(phone.phoneNumber() + ".json"), phone);
        phones.put(phone.phoneNumber(), phone);
        phoneByLid.put(phone.lidUser(), phone.phoneNumber());
    }

    private void load() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : entries) {
                PhoneRecord phone = files.read(file, PhoneRecord.class);
                phones.put(phone.phoneNumber(), phone);
                phoneByLid.put(phone.lidUser(), phone.phoneNumber());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** A 15-digit LID user, unique among this emulator's phones (real LIDs are opaque numbers like this). */
    private String newLidUser() {
        while (true) {
            byte[] b = random.bytes(8);
            long value = 0;
            for (byte x : b) {
                value = (value << 8) | (x & 0xff);
            }
            String lid = Long.toString(100_000_000_000_000L + Math.floorMod(value, 900_000_000_000_000L));
            if (!phoneByLid.containsKey(lid)) {
                return lid;
            }
        }
    }

    /** Signal registration ids are 14-bit and non-zero, like Baileys' {@code generateRegistrationId}. */
    private int registrationId() {
        byte[] b = random.bytes(2);
        int id = (((b[0] & 0xff) << 8) | (b[1] & 0xff)) & 0x3fff;
        return id == 0 ? 1 : id;
    }

    /** A device number and ADV key index reserved for one pairing. */
    public record DeviceSlot(int deviceId, int keyIndex) {
    }
}
