package com.wagateway.whatsapp.client;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.binary.BigEndian;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.ClientPayloadProtos.ClientPayload.DevicePairingRegistrationData;
import com.wagateway.whatsapp.proto.ClientPayloadProtos.ClientPayload.UserAgent;
import com.wagateway.whatsapp.proto.ClientPayloadProtos.ClientPayload.WebInfo;
import com.wagateway.whatsapp.proto.ClientPayloadProtos.ClientPayload;
import com.wagateway.whatsapp.proto.ClientPayloadProtos.DeviceProps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The ClientPayload of clientFinish (fact sheet §4), as Baileys 7.0.0-rc14 {@code generateRegistrationNode} and
 * {@code generateLoginNode} build it, byte for byte (vectors/proto.json).
 */
public final class ClientPayloads {

    /** Baileys' {@code countryCode} default. */
    public static final String DEFAULT_COUNTRY = "US";
    /** 7.x {@code syncFullHistory} default: true (requireFullSync, and DARWIN/WIN32 for "Desktop"). */
    private static final boolean SYNC_FULL_HISTORY = true;

    private ClientPayloads() {
    }

    /** §4.2: a new device that wants to pair. */
    public static byte[] registration(Credentials creds, AppVersion version, Browser browser, String pushName,
                                      String countryCode) {
        DevicePairingRegistrationData pairing = DevicePairingRegistrationData.newBuilder()
                .setBuildHash(ByteString.copyFrom(buildHash(version)))
                .setDeviceProps(deviceProps(browser).toByteString())
                .setERegid(ByteString.copyFrom(BigEndian.bytes(creds.registrationId(), 4)))
                .setEKeytype(ByteString.copyFrom(new byte[] {5}))
                .setEIdent(ByteString.copyFrom(creds.identityKey().publicKey()))
                .setESkeyId(ByteString.copyFrom(BigEndian.bytes(creds.signedPreKeyId(), 3)))
                .setESkeyVal(ByteString.copyFrom(creds.signedPreKey().publicKey()))
                .setESkeySig(ByteString.copyFrom(creds.signedPreKeySignature()))
                .build();
        return common(version, browser, pushName, countryCode)
                .setPassive(false)
                .setPull(false)
                .setDevicePairingData(pairing)
                .build().toByteArray();
    }

    /** §4.3: an already paired device logging in as {@code me} (the phone-number device JID, never the LID). */
    public static byte[] login(Jid me, AppVersion version, Browser browser, String pushName, String countryCode) {
        long username;
        try {
            username = Long.parseUnsignedLong(me.user());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("login needs a phone-number JID, got " + me, e);
        }
        return common(version, browser, pushName, countryCode)
                .setPassive(true)
                .setPull(true)
                .setUsername(username)
                .setDevice(me.device())
                .setLidDbMigrated(false)
                .build().toByteArray();
    }

    /** §4.2 buildHash: MD5 of the dotted version. */
    public static byte[] buildHash(AppVersion version) {
        try {
            return MessageDigest.getInstance("MD5").digest(version.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
        }
    }

    /** §4.1 getClientPayload. */
    private static ClientPayload.Builder common(AppVersion version, Browser browser, String pushName,
                                                String countryCode) {
        UserAgent userAgent = UserAgent.newBuilder()
                .setAppVersion(UserAgent.AppVersion.newBuilder().setPrimary(version.primary())
                        .setSecondary(version.secondary()).setTertiary(version.tertiary()))
                .setPlatform(UserAgent.Platform.WEB)
                .setReleaseChannel(UserAgent.ReleaseChannel.RELEASE)
                .setOsVersion("0.1")
                .setDevice("Desktop")
                .setOsBuildNumber("0.1")
                .setLocaleLanguageIso6391("en")
                .setMnc("000")
                .setMcc("000")
                .setLocaleCountryIso31661Alpha2(countryCode)
                .build();
        ClientPayload.Builder b = ClientPayload.newBuilder()
                .setConnectType(ClientPayload.ConnectType.WIFI_UNKNOWN)
                .setConnectReason(ClientPayload.ConnectReason.USER_ACTIVATED)
                .setUserAgent(userAgent)
                .setWebInfo(WebInfo.newBuilder().setWebSubPlatform(webSubPlatform(browser)));
        if (pushName != null && !pushName.isEmpty()) {
            b.setPushName(pushName);
        }
        return b;
    }

    private static WebInfo.WebSubPlatform webSubPlatform(Browser browser) {
        if (SYNC_FULL_HISTORY && "Desktop".equals(browser.name())) {
            if ("Mac OS".equals(browser.os())) {
                return WebInfo.WebSubPlatform.DARWIN;
            }
            if ("Windows".equals(browser.os())) {
                return WebInfo.WebSubPlatform.WIN32;
            }
        }
        return WebInfo.WebSubPlatform.WEB_BROWSER;
    }

    /** §4.2 DeviceProps as 7.x sends it. */
    static DeviceProps deviceProps(Browser browser) {
        return DeviceProps.newBuilder()
                .setOs(browser.os())
                .setVersion(DeviceProps.AppVersion.newBuilder().setPrimary(10).setSecondary(15).setTertiary(7))
                .setPlatformType(platformType(browser.name()))
                .setRequireFullSync(SYNC_FULL_HISTORY)
                .setHistorySyncConfig(DeviceProps.HistorySyncConfig.newBuilder()
                        .setStorageQuotaMb(10240)
                        .setInlineInitialPayloadInE2EeMsg(true)
                        .setSupportCallLogHistory(false)
                        .setSupportBotUserAgentChatHistory(true)
                        .setSupportCagReactionsAndPolls(true)
                        .setSupportBizHostedMsg(true)
                        .setSupportRecentSyncChunkMessageCountTuning(true)
                        .setSupportHostedGroupMsg(true)
                        .setSupportFbidBotChatHistory(true)
                        .setSupportMessageAssociation(true)
                        .setSupportGroupHistory(false))
                .build();
    }

    /** Baileys {@code getPlatformType}: the browser name upper-cased if it names a type, else CHROME. */
    private static DeviceProps.PlatformType platformType(String browserName) {
        String upper = browserName == null ? "" : browserName.toUpperCase(Locale.ROOT);
        for (DeviceProps.PlatformType type : DeviceProps.PlatformType.values()) {
            if (type.name().equals(upper) && type != DeviceProps.PlatformType.UNKNOWN) {
                return type;
            }
        }
        return DeviceProps.PlatformType.CHROME;
    }
}
