// Writes the binary node codec vectors (fact sheet §5, §12) with Baileys 7.0.0-rc14:
//   whatsapp/src/test/resources/vectors/binary-nodes.json   random + hand-picked nodes,
//       each with Baileys' encodeBinaryNode bytes and what decodeBinaryNode reads back
//       (also from a zlib-compressed frame, flag 0x02, for part of them)
//   whatsapp/src/test/resources/vectors/binary-decode.json  hand-made frames Baileys never
//       writes but must read (FB/interop JIDs, the v2 empty-string token, bad UTF-8, ...)
//   whatsapp/src/test/resources/vectors/binary-jids.json    jidDecode / jidEncode results
// A seeded PRNG makes every run write the same files. Large binary contents are not stored:
// {"bytesFill": {"seed": s, "length": n}} stands for n bytes of the generator fillBytes below
// (Java: BinaryVectorFiles.fill), and frames longer than FRAME_HEX_MAX bytes are stored as
// their length and SHA-256 instead of hex.
import { writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import * as B from '@whiskeysockets/baileys';
import * as C from '@whiskeysockets/baileys/lib/WABinary/constants.js';

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, '../../whatsapp/src/test/resources/vectors');
const SEED = 0x5eed0005;
const RANDOM_NODES = 560;
const FILL_MIN = 4096; // contents at least this long are stored as a fill spec
const FRAME_HEX_MAX = 16384; // frames longer than this are stored as sha256 + length
// Baileys' TOKEN_MAP is a plain object, so these names hit Object.prototype and encode as a
// stray 0x00 byte; the Java encoder deliberately writes them as text (see BinaryEncoder).
const PROTO_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

// mulberry32: small, seedable, the same on every Node version.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n bytes from a 32-bit LCG: state = state * 1664525 + 1013904223, byte = state >>> 24. */
export function fillBytes(seed, n) {
  const out = Buffer.alloc(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

let rnd = prng(SEED);
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
const chance = (p) => rnd() < p;
const digits = (n) => Array.from({ length: n }, (_, i) => String(i === 0 ? int(1, 9) : int(0, 9))).join('');
const fromAlphabet = (alphabet, n) => Array.from({ length: n }, () => pick(alphabet)).join('');

const SINGLE = C.SINGLE_BYTE_TOKENS.slice(1);
const DOUBLE = C.DOUBLE_BYTE_TOKENS.flat();
const COMMON_TAGS = ['iq', 'message', 'enc', 'receipt', 'notification', 'ack', 'presence', 'call',
  'usync', 'query', 'list', 'user', 'devices', 'device-list', 'device', 'participants', 'to',
  'success', 'failure', 'stream:error', 'pair-device', 'ref', 'ping', 'list', 'item', 'key'];
const COMMON_KEYS = ['id', 'to', 'from', 'type', 'participant', 't', 'xmlns', 'class', 'v',
  'count', 'recipient', 'notify', 'jid', 'lid', 'addressing_mode', 'sender_lid', 'participant_pn',
  'mediatype', 'edit', 'category', 'offline', 'sid', 'context', 'mode', 'index', 'key-index'];

function randomJid() {
  switch (int(0, 19)) {
    case 0: return `${digits(int(8, 15))}@s.whatsapp.net`;
    case 1: return `${digits(int(8, 15))}:${int(0, 99)}@s.whatsapp.net`;
    case 2: return `${digits(11)}_${pick([1, 128, 129, int(2, 255)])}:${int(0, 60)}@s.whatsapp.net`;
    case 3: return `${digits(15)}@lid`;
    case 4: return `${digits(15)}:${int(0, 80)}@lid`;
    case 5: return `${digits(11)}:99@hosted`;
    case 6: return `${digits(15)}:${pick([0, 99])}@hosted.lid`;
    case 7: return `${digits(11)}@hosted`;
    case 8: return `120363${digits(12)}@g.us`;
    case 9: return `${digits(11)}-${digits(10)}@g.us`;
    case 10: return pick(['status@broadcast', `${digits(10)}@broadcast`]);
    case 11: return `${digits(18)}@newsletter`;
    case 12: return pick(['@s.whatsapp.net', '@g.us', '@lid', 's.whatsapp.net@s.whatsapp.net']);
    case 13: return `${fromAlphabet('0123456789ABCDEF', 32)}@call`;
    case 14: return `${digits(11)}@bot`;
    case 15: return `${digits(11)}@c.us`;
    case 16: return `${digits(15)}:${int(0, 9)}@msgr`;
    case 17: return `${int(1, 9)}-${digits(11)}:${int(0, 5)}@interop`;
    case 18: return `${fromAlphabet('abcxyz', int(1, 8))}@${pick(['s.whatsapp.net', 'lid', 'g.us', 'example.org'])}`;
    default: return pick(ODD_JIDS);
  }
}

// Strings with '@' that Baileys' jidDecode splits leniently; the bytes must still agree.
const ODD_JIDS = ['a@b@c', '1@2@3@s.whatsapp.net', '123@', '@', ':5@lid', '1:abc@s.whatsapp.net',
  '1:1e3@s.whatsapp.net', '1_x:2@s.whatsapp.net', '1: 7 @s.whatsapp.net', '1:-1@s.whatsapp.net',
  '1:0x1F@s.whatsapp.net', '1_0x81:3@s.whatsapp.net', '1:1:2@s.whatsapp.net', '1_2_3@s.whatsapp.net',
  '1:300@s.whatsapp.net', '1:99999999999999999999@s.whatsapp.net', '1:Infinity@s.whatsapp.net',
  '1:1.9@lid', '1_-5:1@s.whatsapp.net', '1_ 42x:1@s.whatsapp.net', '1:.5e1@s.whatsapp.net',
  '1:0b101@s.whatsapp.net', '1:0o17@s.whatsapp.net', '_7:1@s.whatsapp.net', '123:@s.whatsapp.net',
  'ab_:3@g.us', 'user@hosted', 'x:1@@lid', 'ü:2@lid', '1:\u00a05\u3000@s.whatsapp.net',
  '1_1:0@s.whatsapp.net', '1:+4@s.whatsapp.net', '1:4294967297@s.whatsapp.net', '1:-0@lid'];

function randomText() {
  switch (int(0, 15)) {
    case 0: case 1: return pick(SINGLE);
    case 2: return pick(DOUBLE);
    case 3: return digits(int(1, 20));
    case 4: return fromAlphabet('0123456789-.', int(1, 127));
    case 5: return fromAlphabet('0123456789ABCDEF', int(1, 127));
    case 6: return fromAlphabet('0123456789abcdef', int(1, 40));
    case 7: case 8: return randomJid();
    case 9: return '';
    case 10: return fromAlphabet('0123456789', int(128, 200)); // too long to pack
    case 11: return fromAlphabet('abcdefghijklmnopqrstuvwxyz ', int(1, 60));
    case 12: return fromAlphabet(['é', 'ß', '中', '文', '😀', '\u0000', '\u{10ffff}', 'a'], int(1, 20));
    case 13: return fromAlphabet(['\ud800', '\udfff', 'x', '\ud83d'], int(1, 6)); // lone surrogates
    case 14: return fromAlphabet('xyz', int(256, 700)); // BINARY_20 string
    default: return String(int(0, 1000000));
  }
}

function safe(s) {
  return PROTO_NAMES.has(s) ? s + '!' : s;
}

function randomTag() {
  switch (int(0, 5)) {
    case 0: case 1: case 2: return pick(COMMON_TAGS);
    case 3: return pick(SINGLE);
    case 4: return pick(DOUBLE);
    default: return safe(fromAlphabet('abcdefghij-_:', int(1, 12))) || 'x';
  }
}

function randomKey() {
  switch (int(0, 9)) {
    case 0: return String(int(0, 20)); // array-index keys go first, in numeric order
    case 1: return pick(['007', '4294967294', '4294967295', '-1', '1.5', '10', '2']);
    case 2: return pick(SINGLE);
    case 3: return safe(fromAlphabet('abcdef_-', int(1, 10)));
    default: return pick(COMMON_KEYS);
  }
}

function randomBytes() {
  const r = rnd();
  let n;
  if (r < 0.55) n = int(0, 64);
  else if (r < 0.85) n = int(65, 300);
  else if (r < 0.97) n = int(256, 5000);
  else n = int(5000, 70000);
  return fillContent(int(0, 0x7fffffff), n);
}

function randomNode(depth) {
  const attrs = {};
  const insertion = [];
  const n = pick([0, 1, 2, 2, 3, 3, 4, 5, 6, 8]);
  for (let i = 0; i < n; i++) {
    const k = safe(randomKey());
    const v = safe(randomText());
    if (!(k in attrs)) insertion.push(k);
    attrs[k] = v;
  }
  const node = { tag: safe(randomTag()), attrs };
  const r = rnd();
  if (depth < 4 && r < 0.35) {
    node.content = Array.from({ length: pick([0, 1, 1, 2, 3, 5]) }, () => randomNode(depth + 1).node);
  } else if (r < 0.65) {
    node.content = randomBytes();
  } else if (r < 0.8) {
    node.content = safe(randomText());
  }
  return { node, insertion };
}

// ---- JSON form (docs/protocol.md): {"tag", "attrs", "content": string | {"bytes": b64} | [...]}
function toJson(node) {
  const out = { tag: node.tag, attrs: { ...(node.attrs || {}) } };
  const c = node.content;
  if (typeof c === 'string') out.content = c;
  else if (Buffer.isBuffer(c) || c instanceof Uint8Array) out.content = bytesJson(Buffer.from(c));
  else if (Array.isArray(c)) out.content = c.map(toJson);
  return out;
}

const fills = new Map(); // length -> [{seed, buf}] of large contents made by fillContent
function bytesJson(buf) {
  if (buf.length >= FILL_MIN) {
    for (const f of fills.get(buf.length) ?? []) {
      if (f.buf.equals(buf)) return { bytesFill: { seed: f.seed, length: buf.length } };
    }
    throw new Error('large content not made by fillContent');
  }
  return { bytes: buf.toString('base64') };
}

function fillContent(seed, n) {
  const buf = fillBytes(seed, n);
  if (n >= FILL_MIN) {
    if (!fills.has(n)) fills.set(n, []);
    fills.get(n).push({ seed, buf });
  }
  return buf;
}

function frameFields(frame) {
  if (frame.length > FRAME_HEX_MAX) {
    return { frameLength: frame.length, frameSha256: createHash('sha256').update(frame).digest('hex'),
      frameHead: frame.subarray(0, 32).toString('hex') };
  }
  return { frame: frame.toString('hex') };
}

async function vector(name, node, insertion, compress) {
  const frame = B.encodeBinaryNode(node);
  const v = { name, node: toJson(node), ...frameFields(frame) };
  if (insertion && insertion.join('\u0000') !== Object.keys(node.attrs).join('\u0000')) {
    v.rootInsertionOrder = insertion; // the order the JS code assigned the root's attributes
  }
  try {
    v.decoded = toJson(await B.decodeBinaryNode(frame));
  } catch (e) {
    v.decodeError = e.message;
  }
  if (compress && frame.length <= FRAME_HEX_MAX && v.decoded) {
    const compressed = Buffer.concat([Buffer.from([2]), deflateSync(frame.subarray(1))]);
    const again = toJson(await B.decodeBinaryNode(compressed));
    if (JSON.stringify(again) !== JSON.stringify(v.decoded)) throw new Error('compressed decode differs');
    v.compressedFrame = compressed.toString('hex');
  }
  return v;
}

async function nodeVectors() {
  rnd = prng(SEED);
  fills.clear();
  const out = [];
  // hand-picked nodes first: the fact sheet's worked example and every length boundary
  const fixed = [
    ['worked-example-5.8', { tag: 'iq', attrs: { id: '1', to: '@s.whatsapp.net', type: 'get', xmlns: 'w:p' },
      content: [{ tag: 'ping', attrs: {} }] }],
    ['empty-children', { tag: 'iq', attrs: {}, content: [] }],
    ['empty-string-content', { tag: 'body', attrs: {}, content: '' }],
    ['empty-attr-value', { tag: 'x', attrs: { a: '' } }],
    ['numeric-keys', { tag: 'x', attrs: { b: '1', 10: 'ten', 2: 'two', a: 'A', '007': 'z' } }],
  ];
  for (const n of [0, 1, 255, 256, 1000, (1 << 20) - 1, 1 << 20, (1 << 20) + 1]) {
    const seed = 1000 + n;
    fixed.push([`bytes-${n}`, { tag: 'enc', attrs: { v: '2', type: 'msg' },
      content: fillContent(seed, n) }]);
  }
  for (const n of [126, 127, 128, 255, 256]) {
    fixed.push([`nibble-${n}`, { tag: 'x', attrs: { v: '9'.repeat(n) } }]);
    fixed.push([`hex-${n}`, { tag: 'x', attrs: { v: 'F'.repeat(n) } }]);
  }
  fixed.push(['children-256', { tag: 'list', attrs: {},
    content: Array.from({ length: 256 }, (_, i) => ({ tag: 'item', attrs: { n: String(i) } })) }]);
  fixed.push(['attrs-128', { tag: 'x', attrs: Object.fromEntries(Array.from({ length: 128 }, (_, i) => [`k${i}`, `v${i}`])) }]);
  ODD_JIDS.forEach((j, i) => fixed.push([`odd-jid-${i}`, { tag: 'x', attrs: { jid: j } }]));
  for (const [name, node] of fixed) out.push(await vector(name, node, null, true));

  for (let i = 0; i < RANDOM_NODES; i++) {
    const { node, insertion } = randomNode(0);
    // a few large contents, made reproducible by fillContent
    if (i % 97 === 13) node.content = fillContent(int(0, 0x7fffffff), int(FILL_MIN, 300000));
    out.push(await vector(`random-${i}`, node, insertion, i % 3 === 0));
  }
  return out;
}

async function decodeOnlyVectors() {
  const hex = (s) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
  const cases = [
    ['fb-jid', '00 f8 03 1d 11 f6 ff 83 12 34 5f 00 07 cc'], // user 12345, device 7, server msgr
    ['fb-jid-device-0', '00 f8 03 1d 11 f6 fc 01 61 00 00 cc'],
    ['interop-jid', '00 f8 03 1d 11 f5 ff 82 12 34 00 02 00 05 fc 07 69 6e 74 65 72 6f 70'],
    ['interop-jid-server-missing', '00 f8 02 1d f5 ff 82 12 34 00 02 00 05'],
    ['interop-jid-server-unreadable', '00 f8 04 1d 11 f5 ff 82 12 34 00 02 00 05 f8 01 f8 01 56'],
    ['v2-empty-string-token', '00 f8 03 1d 11 00'],
    ['ad-jid-unknown-domain', '00 f8 03 1d 11 f7 05 02 ff 81 1f'],
    ['ad-jid-hosted-lid', '00 f8 03 1d 11 f7 81 63 ff 81 1f'],
    ['jid-pair-nested', '00 f8 03 1d 11 fa fa ff 81 1f 03 1c'],
    ['nibble-with-pad-inside', '00 f8 03 1d 11 ff 02 f1 23'],
    ['nibble-odd-empty', '00 f8 03 1d 11 ff 80'],
    ['hex-odd', '00 f8 03 1d 11 fb 82 ab cf'],
    ['bad-utf8-attr', '00 f8 03 1d 11 fc 0b ed a0 80 c0 80 f4 90 80 80 e2 82'],
    ['string-content-binary20', '00 f8 02 1d fd 00 00 03 61 62 63'],
    ['string-content-token', '00 f8 02 1d 1d'],
    ['content-list16', '00 f8 02 1d f9 00 02 f8 01 56 f8 01 56'],
    ['node-list16-size', '00 f9 00 03 1d 11 03'],
    ['double-byte-tokens', '00 f8 04 ec 00 ed ff ee 10 ef 20'],
    ['duplicate-attr-keys', '00 f8 05 1d 11 03 11 1c'],
    ['numeric-key-order', '00 f8 07 1d fc 01 62 03 ff 01 21 1c ff 81 5f 03'],
    ['nibble-pad-kept', '00 f8 03 1d 11 ff 01 5f'],
    ['flag-other-bits', 'fd f8 01 56'],
    ['jid-pair-empty-server', '00 f8 03 1d 11 fa 00 00'],
    ['invalid-nibble', '00 f8 03 1d 11 ff 01 c0'],
    ['unknown-tag-240', '00 f8 03 1d 11 f0'],
    ['truncated', '00 f8 03 1d 11'],
    ['binary32-too-long', '00 f8 02 1d fe 7f ff ff ff 00'],
    ['list-size-zero', '00 00 1d'],
    ['empty-tag', '00 f8 01 00'],
    ['double-token-list-size', '00 f8 01 f8'],
  ];
  const out = [];
  for (const [name, h] of cases) {
    const frame = hex(h);
    const v = { name, frame: frame.toString('hex') };
    try {
      v.decoded = toJson(await B.decodeBinaryNode(frame));
    } catch (e) {
      v.decodeError = e.message;
    }
    out.push(v);
  }
  // compressed frames: a node inflated from zlib, trailing bytes after the zlib stream (ignored
  // by Node's inflate), and broken streams
  const node = B.encodeBinaryNode({ tag: 'message', attrs: { id: 'ABC', to: '123@s.whatsapp.net' },
    content: [{ tag: 'enc', attrs: { v: '2', type: 'pkmsg' }, content: fillBytes(7, 3000) }] });
  const z = deflateSync(node.subarray(1));
  const compressedCases = [
    ['zlib-node', Buffer.concat([Buffer.from([2]), z])],
    ['zlib-flag-6', Buffer.concat([Buffer.from([6]), z])],
    ['zlib-trailing-bytes', Buffer.concat([Buffer.from([2]), z, Buffer.from([1, 2, 3])])],
    ['zlib-truncated', Buffer.concat([Buffer.from([2]), z.subarray(0, z.length - 6)])],
    ['zlib-bad-header', Buffer.concat([Buffer.from([2]), Buffer.from([0x78, 0x00]), z.subarray(2)])],
    ['zlib-empty', Buffer.from([2])],
  ];
  for (const [name, frame] of compressedCases) {
    const v = { name, frame: frame.toString('hex') };
    try {
      v.decoded = toJson(await B.decodeBinaryNode(frame));
    } catch (e) {
      v.decodeError = e.message;
    }
    out.push(v);
  }
  return out;
}

// The strict text form com.wagateway.whatsapp.jid.Jid accepts (docs/protocol.md): user without
// '@' ':' '_', optional _agent (0-255), optional :device (0-255; 0-65535 on msgr and interop),
// '@', a non-empty server without '@'; numbers in plain decimal without leading zeros.
function isCanonicalJid(jid) {
  const m = /^([^@:_]*)(?:_(0|[1-9][0-9]{0,2}))?(?::(0|[1-9][0-9]{0,4}))?@([^@]+)$/.exec(jid);
  if (!m) return false;
  const wide = m[4] === 'msgr' || m[4] === 'interop';
  return (m[2] === undefined || +m[2] <= 255) && (m[3] === undefined || +m[3] <= (wide ? 65535 : 255));
}

function jidVectors() {
  rnd = prng(SEED ^ 0x1d);
  const inputs = [
    '@s.whatsapp.net', '15551234567@s.whatsapp.net', '15551234567:3@s.whatsapp.net',
    '15551234567:0@s.whatsapp.net', '15551234567_1:2@s.whatsapp.net', '15551234567_128:0@s.whatsapp.net',
    '123456789012345@lid', '123456789012345:3@lid', '15551234567:99@hosted', '123456789012345:99@hosted.lid',
    '120363012345678901@g.us', '15551234567-1690000000@g.us', 'status@broadcast', '1690000000@broadcast',
    '120363123456789012@newsletter', '16505361212@c.us', 'server@c.us', '13135550002@bot',
    'ABCDEF0123456789@call', '100000000000001:5@msgr', '7-15551234567:2@interop',
  ];
  inputs.push(...ODD_JIDS);
  for (let i = 0; i < 200; i++) inputs.push(randomJid());
  const seen = new Set();
  const vectors = [];
  for (const jid of inputs) {
    if (seen.has(jid)) continue;
    seen.add(jid);
    const d = B.jidDecode(jid);
    const userCombined = jid.slice(0, jid.indexOf('@'));
    const agent = userCombined.split(':')[0].split('_')[1];
    const device = d.device === undefined ? null : (Number.isFinite(d.device) ? d.device : String(d.device));
    vectors.push({
      jid,
      canonical: isCanonicalJid(jid),
      decoded: { user: d.user, server: d.server,
        domainType: Number.isFinite(d.domainType) ? d.domainType : String(d.domainType), device },
      encoded: B.jidEncode(d.user, d.server, d.device, agent),
      normalizedUser: B.jidNormalizedUser(jid),
    });
  }
  for (const jid of ['', 'no-at-sign', 's.whatsapp.net']) {
    vectors.push({ jid, decoded: B.jidDecode(jid) ?? null });
  }
  return vectors;
}

export default async function generateBinaryVectors() {
  mkdirSync(OUT, { recursive: true });
  const header = {
    generator: 'tools/interop/gen-binary.mjs',
    baileys: '7.0.0-rc14',
    seed: SEED,
    fill: 'bytesFill {seed, length}: s = seed; repeat length times: s = (s * 1664525 + 1013904223) mod 2^32; emit s >>> 24',
    frames: 'hex of encodeBinaryNode output (flag byte 0x00 first); frames over 16384 bytes as frameLength + frameSha256 + frameHead',
  };
  const nodes = await nodeVectors();
  writeFileSync(join(OUT, 'binary-nodes.json'), JSON.stringify({ ...header, vectors: nodes }, null, 1) + '\n');
  const decodeOnly = await decodeOnlyVectors();
  writeFileSync(join(OUT, 'binary-decode.json'), JSON.stringify({ ...header, vectors: decodeOnly }, null, 1) + '\n');
  const jids = jidVectors();
  writeFileSync(join(OUT, 'binary-jids.json'), JSON.stringify({ ...header, vectors: jids }, null, 1) + '\n');
  console.log(`binary vectors: ${nodes.length} nodes, ${decodeOnly.length} decode-only frames, ${jids.length} JIDs`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await generateBinaryVectors();
