import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { randomBytesPooled } from '../common/random-pool';

/**
 * Encryption at rest for identity and phone numbers (AES-256-GCM), and a keyed blind index
 * (HMAC-SHA256) so the hub can look a person up, and refuse a duplicate open case, without
 * decrypting anything. Both keys are derived from HUB_DATA_KEY with HKDF, so one secret
 * serves both purposes without reusing a key across algorithms.
 */
export class PiiCrypto {
  private readonly encryptionKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(dataKey: string) {
    const master = /^[0-9a-fA-F]{64}$/.test(dataKey) ? Buffer.from(dataKey, 'hex') : Buffer.from(dataKey, 'base64');
    if (master.length !== 32) throw new Error('HUB_DATA_KEY must be 32 bytes');
    this.encryptionKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hub:pii:aes-256-gcm', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hub:pii:blind-index', 32));
  }

  static generateKey(): string {
    return randomBytes(32).toString('hex');
  }

  /** v1.<iv>.<tag>.<ciphertext>, base64url parts. */
  encrypt(plain: string): string {
    const iv = randomBytesPooled(12); // a fresh IV per value, from the pooled generator
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unreadable sealed value');
    const ivBytes = Buffer.from(iv, 'base64url');
    const tagBytes = Buffer.from(tag, 'base64url');
    // Pin the sizes: a shortened tag would weaken tamper detection.
    if (ivBytes.length !== 12 || tagBytes.length !== 16) throw new Error('unreadable sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, ivBytes, { authTagLength: 16 });
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed digest of a normalized value, for equality look-ups only. */
  blindIndex(normalized: string): string {
    return createHmac('sha256', this.indexKey).update(normalized, 'utf8').digest('hex');
  }
}
