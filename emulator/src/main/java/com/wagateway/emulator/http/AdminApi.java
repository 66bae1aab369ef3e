package com.wagateway.emulator.http;

import com.wagateway.emulator.protocol.ChatServer;
import com.wagateway.emulator.protocol.ClientConnection;
import com.wagateway.emulator.protocol.ClientVersion;
import com.wagateway.emulator.protocol.ConnectionRegistry;
import com.wagateway.emulator.protocol.ConnectionState;
import com.wagateway.emulator.protocol.DeviceLinks;
import com.wagateway.emulator.protocol.DeviceRef;
import com.wagateway.emulator.protocol.HostileFrame;
import com.wagateway.emulator.protocol.PairingException;
import com.wagateway.emulator.protocol.PairingService;
import com.wagateway.emulator.store.DeviceRecord;
import com.wagateway.emulator.store.PhoneRecord;
import com.wagateway.emulator.store.PhoneStore;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API (docs/emulator.md), independent of the HTTP server: a method, a path and a JSON body
 * in, an {@link ApiResponse} out.
 */
public final class AdminApi {

    private final JsonMapper mapper;
    private final PhoneStore phones;
    private final PairingService pairing;
    private final DeviceLinks links;
    private final ConnectionRegistry registry;
    private final ChatServer chat;
    private final Faults faults;
    private final RandomSource random;
    private final Map<String, Object> serverInfo;
    private final Messaging messaging;
    private final MediaAdmin media;

    public AdminApi(JsonMapper mapper, PhoneStore phones, PairingService pairing, DeviceLinks links,
                    ConnectionRegistry registry, ChatServer chat, Faults faults, RandomSource random,
                    Map<String, Object> serverInfo, Messaging messaging, MediaAdmin media) {
        this.messaging = messaging;
        this.media = media;
        this.mapper = mapper;
        this.phones = phones;
        this.pairing = pairing;
        this.links = links;
        this.registry = registry;
        this.chat = chat;
        this.faults = faults;
        this.random = random;
        this.serverInfo = serverInfo;
    }

    public ApiResponse handle(String method, String path, String body) {
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                parts.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
            }
        }
        try {
            return route(method, parts, body);
        } catch (BadRequest e) {
            return ApiResponse.error(400, e.getMessage());
        }
    }

    private ApiResponse route(String method, List<String> p, String body) throws BadRequest {
        if (p.size() == 1 && p.get(0).equals("phones")) {
            return switch (method) {
                case "GET" -> ApiResponse.ok(phones.list().stream().map(this::phoneJson).toList());
                case "POST" -> createPhone(json(body));
                default -> notAllowed(method);
            };
        }
        if (p.size() == 2 && p.get(0).equals("phones")) {
            return method.equals("GET") ? getPhone(p.get(1)) : notAllowed(method);
        }
        if (p.size() == 3 && p.get(0).equals("phones") && p.get(2).equals("link")) {
            return method.equals("POST") ? link(p.get(1), json(body), false) : notAllowed(method);
        }
        if (p.size() == 3 && p.get(0).equals("phones") && p.get(2).equals("link-code")) {
            return method.equals("POST") ? link(p.get(1), json(body), true) : notAllowed(method);
        }
        if (p.size() == 3 && p.get(0).equals("phones") && p.get(2).equals("messages")) {
            return switch (method) {
                case "POST" -> messaging.send(p.get(1), json(body));
                case "GET" -> messaging.messages(p.get(1));
                default -> notAllowed(method);
            };
        }
        if (p.size() == 3 && p.get(0).equals("phones") && p.get(2).equals("read")) {
            return method.equals("POST") ? messaging.read(p.get(1), json(body)) : notAllowed(method);
        }
        if (p.size() == 3 && p.get(0).equals("phones") && (p.get(2).equals("offline") || p.get(2).equals("online"))) {
            return method.equals("POST") ? messaging.presence(p.get(1), p.get(2).equals("online")) : notAllowed(method);
        }
        if (p.size() == 1 && p.get(0).equals("groups")) {
            return method.equals("POST") ? messaging.createGroup(json(body)) : notAllowed(method);
        }
        if (p.size() == 2 && p.get(0).equals("groups")) {
            return method.equals("GET") ? messaging.group(p.get(1)) : notAllowed(method);
        }
        if (p.size() == 4 && p.get(0).equals("phones") && p.get(2).equals("devices")) {
            return method.equals("DELETE") ? unlink(p.get(1), p.get(3)) : notAllowed(method);
        }
        if (p.size() == 1 && p.get(0).equals("faults")) {
            return switch (method) {
                case "POST" -> faults(json(body));
                case "GET" -> ApiResponse.ok(faultState());
                default -> notAllowed(method);
            };
        }
        if (p.size() == 1 && p.get(0).equals("settings")) {
            return switch (method) {
                case "GET" -> ApiResponse.ok(settings());
                case "PUT" -> putSettings(json(body));
                default -> notAllowed(method);
            };
        }
        if (p.size() == 1 && p.get(0).equals("media")) {
            return method.equals("GET") ? media.info() : notAllowed(method);
        }
        if (p.size() == 2 && p.get(0).equals("media") && p.get(1).equals("certificate")) {
            return method.equals("GET") ? media.certificate() : notAllowed(method);
        }
        if (p.size() == 1 && p.get(0).equals("server")) {
            return method.equals("GET") ? ApiResponse.ok(server()) : notAllowed(method);
        }
        return ApiResponse.error(404, "no such endpoint: " + String.join("/", p));
    }

    private ApiResponse createPhone(JsonNode body) throws BadRequest {
        String number = text(body, "phoneNumber");
        if (number == null) {
            throw new BadRequest("phoneNumber is required");
        }
        String digits = number.startsWith("+") ? number.substring(1) : number;
        if (!PhoneStore.isValidNumber(digits)) {
            throw new BadRequest("phoneNumber must be 6-18 digits (country code first, no '+')");
        }
        Optional<PhoneRecord> created = phones.create(digits);
        return created.map(phone -> new ApiResponse(201, phoneJson(phone)))
                .orElseGet(() -> ApiResponse.error(409, "phone " + digits + " exists already"));
    }

    private ApiResponse getPhone(String number) {
        return phones.get(number).map(phone -> ApiResponse.ok(phoneJson(phone)))
                .orElseGet(() -> ApiResponse.error(404, "no phone " + number));
    }

    private ApiResponse link(String number, JsonNode body, boolean byCode) throws BadRequest {
        if (phones.get(number).isEmpty()) {
            return ApiResponse.error(404, "no phone " + number);
        }
        String value = text(body, byCode ? "code" : "qr");
        if (value == null) {
            throw new BadRequest((byCode ? "code" : "qr") + " is required");
        }
        try {
            DeviceRecord device = byCode ? pairing.linkCode(number, value) : pairing.linkQr(number, value);
            PhoneRecord phone = phones.get(number).orElseThrow();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("deviceJid", phone.phoneNumber() + ":" + device.deviceId() + "@s.whatsapp.net");
            out.put("deviceLid", phone.lidUser() + ":" + device.deviceId() + "@lid");
            out.put("deviceId", device.deviceId());
            out.put("keyIndex", device.keyIndex());
            return ApiResponse.ok(out);
        } catch (PairingException e) {
            return ApiResponse.error(status(e.kind()), e.getMessage());
        }
    }

    static int status(PairingException.Kind kind) {
        return switch (kind) {
            case MALFORMED, EXPIRED, ALREADY_USED, NO_COMPANION, KEY_MISMATCH, WRONG_CODE, REJECTED -> 400;
            case NO_PHONE -> 404;
            case BUSY, DISCONNECTED, NO_DEVICE_SLOT -> 409;
            case TIMEOUT -> 504;
        };
    }

    private ApiResponse unlink(String number, String device) {
        if (phones.get(number).isEmpty()) {
            return ApiResponse.error(404, "no phone " + number);
        }
        int deviceId;
        Jid jid = Jid.tryParse(device);
        if (jid != null && device.contains("@")) {
            String owner = Jid.LID.equals(jid.server())
                    ? phones.byLid(jid.user()).map(PhoneRecord::phoneNumber).orElse(null) : jid.user();
            if (!number.equals(owner)) {
                return ApiResponse.error(404, device + " is not a device of " + number);
            }
            deviceId = jid.device();
        } else {
            try {
                deviceId = Integer.parseInt(device);
            } catch (NumberFormatException e) {
                return ApiResponse.error(400, "not a device JID or number: " + device);
            }
        }
        if (deviceId == 0) {
            return ApiResponse.error(400, "device 0 is the phone itself");
        }
        if (!links.unlink(number, deviceId, "phone_unlinked")) {
            return ApiResponse.error(404, "no device " + deviceId + " linked to " + number);
        }
        return ApiResponse.ok(Map.of("removed", number + ":" + deviceId + "@s.whatsapp.net"));
    }

    private ApiResponse faults(JsonNode body) throws BadRequest {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonNode refuse = body.get("refuseForSeconds");
        if (refuse != null && !refuse.isNull()) {
            if (!refuse.isNumber() || refuse.asDouble() < 0 || refuse.asDouble() > 86_400) {
                throw new BadRequest("refuseForSeconds must be a number 0..86400");
            }
            faults.refuseFor(Duration.ofMillis(Math.round(refuse.asDouble() * 1000)));
            out.put("refusingUntil", faults.refuseUntil().toString());
        }
        JsonNode drop = body.get("dropConnections");
        if (drop != null && drop.asBoolean(false)) {
            List<ClientConnection> all = registry.all();
            all.forEach(ClientConnection::abort);
            out.put("dropped", all.size());
        }
        String hostile = text(body, "hostile");
        if (hostile != null) {
            HostileFrame kind = HostileFrame.of(hostile).orElseThrow(() -> new BadRequest(
                    "hostile must be garbage-frame, undecodable-node, oversized-node or unexpected-stanza"));
            String deviceJid = text(body, "deviceJid");
            if (deviceJid == null) {
                throw new BadRequest("hostile needs deviceJid");
            }
            Jid jid = Jid.tryParse(deviceJid);
            String key = jid == null ? deviceJid : jid.user() + ":" + jid.device() + "@s.whatsapp.net";
            Optional<ClientConnection> target = registry.device(key);
            if (target.isEmpty() || !kind.sendTo(target.get(), random)) {
                return ApiResponse.error(404, "device " + deviceJid + " is not connected");
            }
            out.put("sent", kind.wireName());
            out.put("deviceJid", key);
        }
        JsonNode withhold = body.get("withholdAcks");
        if (withhold != null && !withhold.isNull()) {
            String deviceJid = text(withhold, "deviceJid");
            JsonNode count = withhold.get("count");
            JsonNode deliver = withhold.get("deliver");
            if (deviceJid == null || (count != null && (!count.isInt() || count.asInt() < 1 || count.asInt() > 10_000))
                    || (deliver != null && !deliver.isBoolean())) {
                throw new BadRequest("withholdAcks needs deviceJid, optional count 1..10000 and deliver true/false");
            }
            Optional<DeviceRef> device = companion(deviceJid);
            if (device.isEmpty()) {
                return ApiResponse.error(404, "no companion device " + deviceJid);
            }
            int n = count == null ? 1 : count.asInt();
            boolean route = deliver == null || deliver.asBoolean();
            chat.ackFaults().withhold(device.get(), n, route);
            out.put("withholdAcks", Map.of("deviceJid", deviceJid, "count", n, "deliver", route));
        }
        JsonNode nack = body.get("nackMessages");
        if (nack != null && !nack.isNull()) {
            String deviceJid = text(nack, "deviceJid");
            JsonNode count = nack.get("count");
            String error = text(nack, "error");
            if (deviceJid == null || error == null || !error.matches("[1-9][0-9]{2}")
                    || (count != null && (!count.isInt() || count.asInt() < 1 || count.asInt() > 10_000))) {
                throw new BadRequest("nackMessages needs deviceJid, error (a 3-digit code) and optional count 1..10000");
            }
            Optional<DeviceRef> device = companion(deviceJid);
            if (device.isEmpty()) {
                return ApiResponse.error(404, "no companion device " + deviceJid);
            }
            int n = count == null ? 1 : count.asInt();
            chat.ackFaults().nack(device.get(), n, error);
            out.put("nackMessages", Map.of("deviceJid", deviceJid, "count", n, "error", error));
        }
        JsonNode tamper = body.get("tamper");
        if (tamper != null && !tamper.isNull()) {
            Optional<ApiResponse> refused = messaging.tamper(tamper, out);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        for (String field : List.of("mediaExpire", "mediaTamper", "mediaUploadFailure")) {
            JsonNode spec = body.get(field);
            if (spec == null || spec.isNull()) {
                continue;
            }
            if (!spec.isObject()) {
                throw new BadRequest(field + " must be an object");
            }
            Optional<ApiResponse> refused = switch (field) {
                case "mediaExpire" -> media.expire(spec, out);
                case "mediaTamper" -> media.tamper(spec, out);
                default -> media.uploadFailure(spec, out);
            };
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        if (out.isEmpty()) {
            throw new BadRequest("give dropConnections, refuseForSeconds, hostile, withholdAcks, nackMessages, tamper, "
                    + "mediaExpire, mediaTamper and/or mediaUploadFailure");
        }
        return ApiResponse.ok(out);
    }

    /** A linked companion device (not a phone) by its PN or LID device JID. */
    private Optional<DeviceRef> companion(String deviceJid) {
        Jid jid = Jid.tryParse(deviceJid);
        String owner = jid == null ? null : Jid.LID.equals(jid.server())
                ? phones.byLid(jid.user()).map(PhoneRecord::phoneNumber).orElse(null) : jid.user();
        if (owner == null || jid.device() == 0
                || phones.get(owner).map(r -> r.device(jid.device()) == null).orElse(true)) {
            return Optional.empty();
        }
        return Optional.of(new DeviceRef(owner, jid.device()));
    }

    private Map<String, Object> faultState() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("refusing", faults.refusing());
        out.put("refusingUntil", faults.refuseUntil().toString());
        out.put("media", media.faultState());
        return out;
    }

    private Map<String, Object> settings() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("minClientVersion", chat.minClientVersion().map(ClientVersion::toString).orElse(null));
        return out;
    }

    private ApiResponse putSettings(JsonNode body) throws BadRequest {
        if (body.has("minClientVersion")) {
            JsonNode value = body.get("minClientVersion");
            try {
                chat.minClientVersion(value.isNull() ? null : ClientVersion.parse(value.asString()));
            } catch (IllegalArgumentException e) {
                throw new BadRequest(e.getMessage());
            }
        }
        return ApiResponse.ok(settings());
    }

    private Map<String, Object> server() {
        Map<String, Object> out = new LinkedHashMap<>(serverInfo);
        int loggedIn = 0;
        int registering = 0;
        for (ClientConnection connection : registry.all()) {
            if (connection.state() instanceof ConnectionState.LoggedIn) {
                loggedIn++;
            } else if (connection.state() instanceof ConnectionState.Registering) {
                registering++;
            }
        }
        out.put("connections", registry.size());
        out.put("loggedIn", loggedIn);
        out.put("registering", registering);
        out.put("phones", phones.list().size());
        return out;
    }

    private Map<String, Object> phoneJson(PhoneRecord phone) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phoneNumber", phone.phoneNumber());
        out.put("jid", phone.phoneNumber() + "@s.whatsapp.net");
        out.put("lid", phone.lidUser() + "@lid");
        out.put("registrationId", phone.registrationId());
        out.put("identityKey", Base64.getEncoder().encodeToString(phone.identity().publicKey()));
        out.put("createdAt", phone.createdAt().toString());
        out.put("online", messaging.online(phone.phoneNumber()));
        List<Map<String, Object>> devices = new ArrayList<>();
        for (DeviceRecord device : phone.devices()) {
            Map<String, Object> d = new LinkedHashMap<>();
            String jid = phone.phoneNumber() + ":" + device.deviceId() + "@s.whatsapp.net";
            d.put("deviceId", device.deviceId());
            d.put("jid", jid);
            d.put("lid", phone.lidUser() + ":" + device.deviceId() + "@lid");
            d.put("keyIndex", device.keyIndex());
            d.put("platform", device.platform());
            d.put("linkedAt", device.linkedAt().toString());
            d.put("preKeyCount", device.preKeyCount());
            d.put("connected", registry.device(jid).isPresent());
            devices.add(d);
        }
        out.put("devices", devices);
        return out;
    }

    private JsonNode json(String body) throws BadRequest {
        if (body == null || body.isBlank()) {
            throw new BadRequest("a JSON object body is required");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (!node.isObject()) {
                throw new BadRequest("the body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new BadRequest("malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) throws BadRequest {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new BadRequest(field + " must be a string");
        }
        return value.asString();
    }

    private static ApiResponse notAllowed(String method) {
        return ApiResponse.error(405, "method " + method + " not allowed here");
    }

    /** A 400 with a message. */
    private static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
    }
}
