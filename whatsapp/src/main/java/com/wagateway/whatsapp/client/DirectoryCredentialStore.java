package com.wagateway.whatsapp.client;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One session's entries as plain files in a directory, each written to a temp file and renamed over the old one.
 * No encryption and default permissions: for tools, load drivers and tests; an application keeping real accounts
 * protects the files (the worker has its own store for that).
 */
public final class DirectoryCredentialStore implements CredentialStore {

    /** The entry names {@link CredentialStore} allows. */
    public static final Pattern ENTRY_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private final Path dir;

    public DirectoryCredentialStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(entry(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(String name, byte[] content) throws IOException {
        Path target = entry(name);
        Files.createDirectories(dir);
        Path tmp = dir.resolve(name + ".tmp");
        Files.write(tmp, content);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(entry(name));
    }

    /** Names outside the {@link CredentialStore} contract could reach outside the directory: refused. */
    private Path entry(String name) {
        if (!ENTRY_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("bad entry name: " + name);
        }
        return dir.resolve(name);
    }
}
