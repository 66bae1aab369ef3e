package com.wagateway.whatsapp.media;

import com.wagateway.whatsapp.crypto.MediaType;

/** The upload path per media type (fact sheet §11.4, Baileys {@code MEDIA_PATH_MAP}). */
final class UploadPaths {

    private UploadPaths() {
    }

    /** @throws IllegalArgumentException for types the reference never uploads on their own (thumbnails, app state) */
    static String of(MediaType type) {
        return switch (type) {
            case IMAGE, STICKER, THUMBNAIL_LINK -> "/mms/image";
            // gif and ptv are video messages; ptt is an audio message: the reference uploads them as such
            case VIDEO, GIF, PTV -> "/mms/video";
            case AUDIO, PTT -> "/mms/audio";
            case DOCUMENT -> "/mms/document";
            case HISTORY -> "/mms/md-app-state";
            case PRODUCT -> "/product/image";
            case BIZ_COVER_PHOTO -> "/pps/biz-cover-photo";
            case THUMBNAIL_IMAGE, THUMBNAIL_VIDEO, THUMBNAIL_DOCUMENT, APP_STATE, PAYMENT_BACKGROUND ->
                    throw new IllegalArgumentException("no upload path for media type " + type.wireName());
        };
    }
}
