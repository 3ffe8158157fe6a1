import { createHash, randomBytes } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

// SOAP 1.1 by hand, as both the hub and the simulated bureau speak it: envelopes built as text
// with every value escaped, read back with fast-xml-parser, a WS-Security UsernameToken with a
// PasswordDigest, and SOAP 1.1 Faults. No `soap` package: it pulls 49 dependencies for three
// operations (STACK.md).

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  service: 'urn:edu:xszz:hub:1',
} as const;

export const PASSWORD_DIGEST = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';
export const BASE64_BINARY = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

export const OPERATIONS = ['SubmitAssistanceReferral', 'CancelAssistanceReferral', 'SuperviseAssistanceReferral'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The SOAPAction of an operation (quoted on the wire, as SOAP 1.1 writes it). */
export const soapAction = (operation: Operation): string => `${NS.service}/${operation}`;

/** Reads a SOAPAction header (quoted or not) into the operation it names, or null. */
export function operationOf(header: string | undefined): Operation | null {
  const action = (header ?? '').trim().replace(/^"(.*)"$/, '$1');
  return OPERATIONS.find((op) => soapAction(op) === action) ?? null;
}

// Characters XML 1.0 cannot carry at all, even escaped. Intake never lets them into a name; they
// are dropped rather than making the envelope unreadable.
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for an element or a double-quoted attribute. */
export function escapeXml(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<x:Name>value</x:Name>` in the service namespace (prefix x), value escaped. */
export const el = (name: string, value: string): string => `<x:${name}>${escapeXml(value)}</x:${name}>`;

/** PasswordDigest = Base64(SHA-1(nonce bytes + Created + password)), as the UsernameToken profile 1.0 defines it. */
export function passwordDigest(nonceBase64: string, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(nonceBase64, 'base64'), Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

/** A wsse:Security header with a fresh nonce (16 random bytes) and Created (UTC, seconds). */
export function securityHeader(username: string, password: string, now = new Date(), nonce = randomBytes(16).toString('base64')): string {
  const created = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `<wsse:Security soap:mustUnderstand="1" xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}">` +
    '<wsse:UsernameToken>' +
    `<wsse:Username>${escapeXml(username)}</wsse:Username>` +
    `<wsse:Password Type="${PASSWORD_DIGEST}">${passwordDigest(nonce, created, password)}</wsse:Password>` +
    `<wsse:Nonce EncodingType="${BASE64_BINARY}">${nonce}</wsse:Nonce>` +
    `<wsu:Created>${created}</wsu:Created>` +
    '</wsse:UsernameToken></wsse:Security>'
  );
}

/** A whole envelope; `body` is the body's single element in the service namespace (prefix x). */
export function envelope(body: string, header = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:x="${NS.service}">` +
    (header ? `<soap:Header>${header}</soap:Header>` : '') +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

/** A SOAP 1.1 Fault envelope (sent with HTTP 500). `code` is a QName: soap:Client, soap:Server, wsse:… */
export function faultEnvelope(code: string, text: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:wsse="${NS.wsse}"><soap:Body><soap:Fault>` +
    `<faultcode>${escapeXml(code)}</faultcode><faultstring xml:lang="zh-CN">${escapeXml(text)}</faultstring>` +
    '</soap:Fault></soap:Body></soap:Envelope>'
  );
}

// Elements are matched by local name (prefixes vary between SOAP stacks); values stay strings
// (parseTagValue false: "013800000000" must not become a number).
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => name === 'Student',
});

/** An XML element read by fast-xml-parser: text, or an object of children and @attributes. */
export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] | undefined };

export interface ParsedEnvelope {
  header: Record<string, unknown> | null;
  /** The body's children by local name. */
  body: Record<string, unknown>;
}

/** Reads a SOAP 1.1 envelope; null when the text is not one. DTDs are refused, as SOAP 1.1 requires. */
export function parseEnvelope(xml: string): ParsedEnvelope | null {
  if (xml.length === 0 || xml.length > 1_000_000 || /<!DOCTYPE/i.test(xml)) return null;
  if (XMLValidator.validate(xml) !== true) return null;
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return null;
  }
  const env = record(record(doc)?.Envelope);
  const body = record(env?.Body);
  if (!env || !body) return null;
  return { header: record(env.Header), body };
}

/** The object at a value, or null (a text or missing element). */
export function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** An element's text (attributes allowed beside it), or null. Empty elements read as ''. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  const r = record(value);
  if (r && Object.keys(r).every((k) => k === '#text' || k.startsWith('@'))) return typeof r['#text'] === 'string' ? r['#text'] : '';
  return null;
}

export interface Fault {
  /** The faultcode's local part: Client, Server, FailedAuthentication, MessageExpired, … */
  code: string;
}

/** The Fault a body carries, or null. */
export function faultOf(body: Record<string, unknown>): Fault | null {
  const fault = record(body.Fault);
  if (!fault) return null;
  const code = textOf(fault.faultcode);
  if (!code || !/^([\w.-]+:)?[\w.-]+$/.test(code)) return null;
  return { code: code.includes(':') ? code.slice(code.indexOf(':') + 1) : code };
}

/** The UsernameToken of a header, as sent (nothing checked yet), or null when absent. */
export function usernameToken(header: Record<string, unknown> | null): { username: string; password: string; passwordType: string; nonce: string; created: string } | null {
  const token = record(record(header?.Security)?.UsernameToken);
  if (!token) return null;
  const password = record(token.Password); // an object when it carries its Type attribute
  const username = textOf(token.Username);
  const digest = textOf(token.Password);
  const nonce = textOf(token.Nonce);
  const created = textOf(token.Created);
  if (username === null || digest === null || nonce === null || created === null) return null;
  return { username, password: digest, passwordType: typeof password?.['@Type'] === 'string' ? password['@Type'] : '', nonce, created };
}
