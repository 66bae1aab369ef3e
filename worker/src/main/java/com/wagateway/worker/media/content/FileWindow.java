package com.wagateway.worker.media.content;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Bounded positional reads from a file: every parser here reads only the few bytes it looks at. */
final class FileWindow {

    private final FileChannel channel;
    private final long size;

    FileWindow(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    long size() {
        return size;
    }

    /** Exactly {@code length} bytes at {@code position}, or EOFException when the file ends first. */
    byte[] read(long position, int length) throws IOException {
        byte[] out = readUpTo(position, length);
        if (out.length < length) {
            throw new EOFException("file ends at " + size + ", wanted " + length + " bytes at " + position);
        }
        return out;
    }

    /** Up to {@code length} bytes at {@code position} (fewer at the end of the file). */
    byte[] readUpTo(long position, int length) throws IOException {
        if (position < 0 || position >= size || length <= 0) {
            return new byte[0];
        }
        int n = (int) Math.min(length, size - position);
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        byte[] out = new byte[buffer.position()];
        buffer.flip();
        buffer.get(out);
        return out;
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    static int be16(byte[] b, int at) {
        return (u8(b, at) << 8) | u8(b, at + 1);
    }

    static long be32(byte[] b, int at) {
        return ((long) u8(b, at) << 24) | (u8(b, at + 1) << 16) | (u8(b, at + 2) << 8) | u8(b, at + 3);
    }

    static long be64(byte[] b, int at) {
        return (be32(b, at) << 32) | be32(b, at + 4);
    }

    static int le16(byte[] b, int at) {
        return u8(b, at) | (u8(b, at + 1) << 8);
    }

    static int le24(byte[] b, int at) {
        return u8(b, at) | (u8(b, at + 1) << 8) | (u8(b, at + 2) << 16);
    }

    static long le32(byte[] b, int at) {
        return u8(b, at) | ((long) u8(b, at + 1) << 8) | ((long) u8(b, at + 2) << 16) | ((long) u8(b, at + 3) << 24);
    }

    static long le64(byte[] b, int at) {
        return le32(b, at) | (le32(b, at + 4) << 32);
    }

    static boolean ascii(byte[] b, int at, String text) {
        if (at < 0 || at + text.length() > b.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (b[at + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
