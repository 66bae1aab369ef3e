/**
 * WhatsApp media (fact sheet §11): the media cipher (HKDF-expanded keys, AES-256-CBC, the truncated HMAC, the two
 * SHA-256 hashes), and what the client needs around it (media connection, upload, download, media retry, media
 * message fields). Streams throughout: a media file is never held whole in memory.
 */
package com.wagateway.whatsapp.media;
