/**
 * What a fetched media file really is, before it is sent: the bytes are sniffed (magic numbers, container headers),
 * checked against the message type and the declared Content-Type, measured (image dimensions and a JPEG thumbnail,
 * video dimensions and duration, audio duration, voice-note detection) and given a safe file name. Plain Java: the
 * classes read the file through bounded reads and never load a whole media file into memory.
 */
package com.wagateway.worker.media.content;
