package com.wagateway.whatsapp.media;

import java.util.HexFormat;

/**
 * What a media message states about its file (fact sheet §11.3): {@code fileSha256} of the plaintext,
 * {@code fileEncSha256} of the uploaded blob ({@code enc || mac}), {@code fileLength} of the plaintext, and the blob's
 * length. Arrays are copied in and out.
 */
public record MediaHashes(byte[] fileSha256, byte[] fileEncSha256, long fileLength, long encryptedLength) {

    public MediaHashes {
        fileSha256 = fileSha256.clone();
        fileEncSha256 = fileEncSha256.clone();
    }

    @Override
    public byte[] fileSha256() {
        return fileSha256.clone();
    }

    @Override
    public byte[] fileEncSha256() {
        return fileEncSha256.clone();
    }

    @Override
    public String toString() {
        return "MediaHashes[fileSha256=" + HexFormat.of().formatHex(fileSha256) + ", fileEncSha256="
                + HexFormat.of().formatHex(fileEncSha256) + ", fileLength=" + fileLength + ", encryptedLength="
                + encryptedLength + "]";
    }
}
