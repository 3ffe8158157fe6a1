import { createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { PiiCrypto } from '../../src/access/pii-crypto';

// Identity and phone numbers at rest: AES-256-GCM, and a keyed HMAC blind index for look-ups.

const HEX_KEY = '0f'.repeat(32);
const ID_NUMBER = '37078319780312001X';
const PHONE = '13800138000';

function parts(sealed: string) {
  const [version, iv, tag, body, ...rest] = sealed.split('.');
  return { version, iv, tag, body, rest };
}

/** Flips one bit of one base64url part of a sealed value. */
function flipBit(sealed: string, part: 'iv' | 'tag' | 'body', byte = 0): string {
  const p = parts(sealed);
  const bytes = Buffer.from(p[part], 'base64url');
  bytes[byte] ^= 0x01;
  return ['v1', ...(['iv', 'tag', 'body'] as const).map((name) => (name === part ? bytes.toString('base64url') : p[name]))].join('.');
}

describe('PiiCrypto encryption (AES-256-GCM)', () => {
  const crypto = new PiiCrypto(HEX_KEY);

  it.each([
    ['an identity number', ID_NUMBER],
    ['a phone number', PHONE],
    ['Chinese text', '王秀英'],
    ['an empty string', ''],
    ['500 characters', 'x'.repeat(500)],
  ])('round-trips %s', (_label, plain) => {
    expect(crypto.decrypt(crypto.encrypt(plain))).toBe(plain);
  });

  it('writes v1.<iv>.<tag>.<ciphertext> with a 12-byte IV, a 16-byte tag and no plaintext', () => {
    const sealed = crypto.encrypt(ID_NUMBER);
    const p = parts(sealed);
    expect(p.version).toBe('v1');
    expect(p.rest).toEqual([]);
    expect(Buffer.from(p.iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(p.tag, 'base64url')).toHaveLength(16);
    expect(Buffer.from(p.body, 'base64url')).toHaveLength(Buffer.byteLength(ID_NUMBER));
    expect(sealed).not.toContain(ID_NUMBER);
    expect(sealed).not.toContain(ID_NUMBER.slice(0, 6));
    expect(Buffer.from(p.body, 'base64url').toString('utf8')).not.toContain('370783');
    // Fits the persons.id_number_sealed / phone_sealed columns (varchar 200).
    expect(sealed.length).toBeLessThanOrEqual(200);
  });

  it('uses a fresh random IV: the same number sealed twice differs, both open', () => {
    const sealed = Array.from({ length: 20 }, () => crypto.encrypt(ID_NUMBER));
    expect(new Set(sealed).size).toBe(20);
    expect(new Set(sealed.map((s) => parts(s).iv)).size).toBe(20);
    expect(sealed.map((s) => crypto.decrypt(s))).toEqual(Array(20).fill(ID_NUMBER));
  });

  it('derives its AES key from HUB_DATA_KEY with HKDF, not the raw key', () => {
    // An independent decryption with the documented derivation opens it; the raw key does not.
    const sealed = parts(crypto.encrypt(PHONE));
    const open = (key: Buffer) => {
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64url'));
      d.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(sealed.body, 'base64url')), d.final()]).toString('utf8');
    };
    const master = Buffer.from(HEX_KEY, 'hex');
    expect(open(Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hub:pii:aes-256-gcm', 32)))).toBe(PHONE);
    expect(() => open(master)).toThrow();
  });

  it.each(['iv', 'tag', 'body'] as const)('detects a changed %s', (part) => {
    const sealed = crypto.encrypt(ID_NUMBER);
    expect(() => crypto.decrypt(flipBit(sealed, part))).toThrow();
    expect(() => crypto.decrypt(flipBit(sealed, part, 5))).toThrow();
    expect(crypto.decrypt(sealed)).toBe(ID_NUMBER);
  });

  it('detects a ciphertext swapped in from another value', () => {
    const a = parts(crypto.encrypt('370783197803120011'));
    const b = parts(crypto.encrypt('370783197803120022'));
    expect(() => crypto.decrypt(['v1', a.iv, a.tag, b.body].join('.'))).toThrow();
  });

  it('refuses values sealed under another key', () => {
    const other = new PiiCrypto('f0'.repeat(32));
    expect(() => crypto.decrypt(other.encrypt(ID_NUMBER))).toThrow();
    expect(() => other.decrypt(crypto.encrypt(ID_NUMBER))).toThrow();
  });

  it.each([
    ['plain text', ID_NUMBER],
    ['another version', crypto.encrypt(ID_NUMBER).replace(/^v1\./, 'v2.')],
    ['missing parts', 'v1.abc.def'],
    ['an empty tag', (() => { const p = parts(crypto.encrypt(ID_NUMBER)); return ['v1', p.iv, '', p.body].join('.'); })()],
    ['empty', ''],
  ])('refuses %s', (_label, sealed) => {
    expect(() => crypto.decrypt(sealed)).toThrow();
  });
});

describe('PiiCrypto blind index (HMAC-SHA256)', () => {
  const crypto = new PiiCrypto(HEX_KEY);

  it('is deterministic: the same number always gives the same 64-hex index', () => {
    const index = crypto.blindIndex(ID_NUMBER);
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(crypto.blindIndex(ID_NUMBER)).toBe(index);
    expect(new PiiCrypto(HEX_KEY).blindIndex(ID_NUMBER)).toBe(index);
  });

  it('differs between numbers, even one character apart', () => {
    expect(crypto.blindIndex('370783197803120011')).not.toBe(crypto.blindIndex('370783197803120012'));
    expect(crypto.blindIndex('37078319780312001X')).not.toBe(crypto.blindIndex('37078319780312001x'));
  });

  it('depends on the key: another HUB_DATA_KEY gives another index', () => {
    expect(new PiiCrypto('f0'.repeat(32)).blindIndex(ID_NUMBER)).not.toBe(crypto.blindIndex(ID_NUMBER));
  });

  it('is keyed: not a bare hash of the number, nor an HMAC under the raw key', () => {
    const index = crypto.blindIndex(ID_NUMBER);
    expect(index).not.toBe(createHash('sha256').update(ID_NUMBER).digest('hex'));
    expect(index).not.toBe(createHmac('sha256', Buffer.from(HEX_KEY, 'hex')).update(ID_NUMBER).digest('hex'));
    const indexKey = Buffer.from(hkdfSync('sha256', Buffer.from(HEX_KEY, 'hex'), Buffer.alloc(0), 'hub:pii:blind-index', 32));
    expect(index).toBe(createHmac('sha256', indexKey).update(ID_NUMBER).digest('hex'));
  });

  it('uses a key separate from the encryption key', () => {
    const encryptionKey = Buffer.from(hkdfSync('sha256', Buffer.from(HEX_KEY, 'hex'), Buffer.alloc(0), 'hub:pii:aes-256-gcm', 32));
    expect(crypto.blindIndex(ID_NUMBER)).not.toBe(createHmac('sha256', encryptionKey).update(ID_NUMBER).digest('hex'));
  });
});

describe('PiiCrypto keys', () => {
  const raw = randomBytes(32);

  it('accepts the same 32 bytes as 64 hex digits (either case) or as base64', () => {
    const forms = [raw.toString('hex'), raw.toString('hex').toUpperCase(), raw.toString('base64')];
    const cryptos = forms.map((k) => new PiiCrypto(k));
    const indexes = cryptos.map((c) => c.blindIndex(ID_NUMBER));
    expect(new Set(indexes).size).toBe(1);
    // What one form sealed, every other form opens.
    for (const sealer of cryptos) for (const opener of cryptos) expect(opener.decrypt(sealer.encrypt(PHONE))).toBe(PHONE);
  });

  it('generateKey makes a fresh 64-hex-digit key the constructor accepts', () => {
    const a = PiiCrypto.generateKey();
    const b = PiiCrypto.generateKey();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
    const crypto = new PiiCrypto(a);
    expect(crypto.decrypt(crypto.encrypt(ID_NUMBER))).toBe(ID_NUMBER);
  });

  it.each([
    ['16 bytes of hex', '0f'.repeat(16)],
    ['31 bytes of hex (62 digits)', '0f'.repeat(31)],
    ['33 bytes of hex (66 digits)', '0f'.repeat(33)],
    ['16 bytes of base64', randomBytes(16).toString('base64')],
    ['48 bytes of base64', randomBytes(48).toString('base64')],
    ['empty', ''],
    ['a passphrase', 'correct horse battery staple'],
  ])('refuses a key of %s', (_label, key) => {
    expect(() => new PiiCrypto(key)).toThrow('HUB_DATA_KEY must be 32 bytes');
  });

  it('does not put the key in its error message', () => {
    const key = '0f'.repeat(31);
    expect(() => new PiiCrypto(key)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(key) }));
  });
});

describe('PiiCrypto refuses shortened authentication tags', () => {
  it('does not decrypt a value whose tag was cut to 4 bytes', () => {
    const crypto = new PiiCrypto(HEX_KEY);
    const p = parts(crypto.encrypt(ID_NUMBER));
    const short = ['v1', p.iv, Buffer.from(p.tag, 'base64url').subarray(0, 4).toString('base64url'), p.body].join('.');
    expect(() => crypto.decrypt(short)).toThrow();
  });
});
