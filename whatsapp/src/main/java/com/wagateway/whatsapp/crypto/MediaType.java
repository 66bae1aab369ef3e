package com.wagateway.whatsapp.crypto;

/**
 * Media kinds and their HKDF info strings (fact sheet §11.2, Baileys {@code MEDIA_HKDF_KEY_MAPPING}).
 * {@link #wireName()} is Baileys' media type name.
 */
public enum MediaType {
    IMAGE("image", "Image"),
    STICKER("sticker", "Image"),
    VIDEO("video", "Video"),
    GIF("gif", "Video"),
    PTV("ptv", "Video"),
    AUDIO("audio", "Audio"),
    PTT("ptt", "Audio"),
    DOCUMENT("document", "Document"),
    THUMBNAIL_IMAGE("thumbnail-image", "Image Thumbnail"),
    THUMBNAIL_VIDEO("thumbnail-video", "Video Thumbnail"),
    THUMBNAIL_DOCUMENT("thumbnail-document", "Document Thumbnail"),
    THUMBNAIL_LINK("thumbnail-link", "Link Thumbnail"),
    HISTORY("md-msg-hist", "History"),
    APP_STATE("md-app-state", "App State"),
    PRODUCT("product", "Image"),
    PAYMENT_BACKGROUND("payment-bg-image", "Payment Background"),
    BIZ_COVER_PHOTO("biz-cover-photo", "Image");

    private final String wireName;
    private final String keyType;

    MediaType(String wireName, String keyType) {
        this.wireName = wireName;
        this.keyType = keyType;
    }

    public String wireName() {
        return wireName;
    }

    /** {@code "WhatsApp <Type> Keys"}. */
    public String hkdfInfo() {
        return "WhatsApp " + keyType + " Keys";
    }

    public static MediaType fromWireName(String name) {
        for (MediaType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown media type: " + name);
    }
}
