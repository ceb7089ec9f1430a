/**
 * Validation of /auth and /sign request bodies as the RP API v6.0 does it: every problem is a
 * 400 invalidParameters with a `details` text; fields removed in v6 are refused.
 */
import { isIP } from 'node:net';
import { isValidPersonalNumber } from '../test-persons';
import { checkSimpleMarkdown } from './simple-markdown';

export interface Requirement {
  pinCode?: boolean;
  mrtd?: boolean;
  cardReader?: 'class1' | 'class2';
  certificatePolicies?: string[];
  personalNumber?: string;
  risk?: 'low' | 'moderate';
}

export interface OrderRequest {
  endUserIp: string;
  requirement: Requirement;
  userVisibleData?: string;
  userVisibleDataFormat?: 'simpleMarkdownV1';
  userNonVisibleData?: string;
  returnRisk: boolean;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; details: string };

const REMOVED_IN_V6 = ['personalNumber', 'allowFingerprint', 'issuerCn', 'autoStartTokenRequired'] as const;
const REMOVED_REQUIREMENTS = ['allowFingerprint', 'issuerCn', 'autoStartTokenRequired', 'tokenStartRequired'] as const;
const REQUIREMENT_KEYS = new Set(['pinCode', 'mrtd', 'cardReader', 'certificatePolicies', 'personalNumber', 'risk']);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const OID = /^\d+(\.\d+)+$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const fail = (details: string): { ok: false; details: string } => ({ ok: false, details });

function validateRequirement(raw: unknown): Validated<Requirement> {
  if (raw === undefined) return { ok: true, value: {} };
  if (!isObject(raw)) return fail('Invalid requirement');
  for (const key of REMOVED_REQUIREMENTS) if (key in raw) return fail(`requirement.${key} is not supported in v6.0`);
  for (const key of Object.keys(raw))
    if (!REQUIREMENT_KEYS.has(key)) return fail(`Unknown requirement ${key.slice(0, 40)}`);
  const r: Requirement = {};
  for (const key of ['pinCode', 'mrtd'] as const) {
    const v = raw[key];
    if (v !== undefined) {
      if (typeof v !== 'boolean') return fail(`Invalid requirement.${key}`);
      r[key] = v;
    }
  }
  if (raw.cardReader !== undefined) {
    if (raw.cardReader !== 'class1' && raw.cardReader !== 'class2') return fail('Invalid requirement.cardReader');
    r.cardReader = raw.cardReader;
  }
  if (raw.certificatePolicies !== undefined) {
    const p = raw.certificatePolicies;
    if (!Array.isArray(p) || p.length === 0 || p.length > 20 || !p.every((x) => typeof x === 'string' && OID.test(x))) {
      return fail('Invalid requirement.certificatePolicies');
    }
    r.certificatePolicies = p as string[];
  }
  if (raw.personalNumber !== undefined) {
    if (typeof raw.personalNumber !== 'string' || !isValidPersonalNumber(raw.personalNumber))
      return fail('Incorrect requirement.personalNumber');
    r.personalNumber = raw.personalNumber;
  }
  if (raw.risk !== undefined) {
    if (raw.risk !== 'low' && raw.risk !== 'moderate') return fail('Invalid requirement.risk');
    r.risk = raw.risk;
  }
  return { ok: true, value: r };
}

function validateBase64(name: string, v: unknown, max: number): Validated<string> {
  if (typeof v !== 'string' || v.length < 1 || v.length > max)
    return fail(`Invalid ${name}: length must be 1-${max} after base64 encoding`);
  if (!BASE64.test(v)) return fail(`Invalid ${name}: not base64`);
  return { ok: true, value: v };
}

export function validateOrderRequest(kind: 'auth' | 'sign', body: unknown): Validated<OrderRequest> {
  if (!isObject(body)) return fail('Invalid request body');
  for (const key of REMOVED_IN_V6) if (key in body) return fail(`${key} is not supported in v6.0`);
  if (typeof body.endUserIp !== 'string' || isIP(body.endUserIp) === 0) return fail('Invalid endUserIp');
  const requirement = validateRequirement(body.requirement);
  if (!requirement.ok) return requirement;
  const out: OrderRequest = { endUserIp: body.endUserIp, requirement: requirement.value, returnRisk: false };

  if (body.userVisibleData === undefined) {
    if (kind === 'sign') return fail('userVisibleData is required for sign');
    if (body.userVisibleDataFormat !== undefined) return fail('userVisibleDataFormat without userVisibleData');
  } else {
    const v = validateBase64('userVisibleData', body.userVisibleData, kind === 'sign' ? 40_000 : 1_500);
    if (!v.ok) return v;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(v.value, 'base64'));
    } catch {
      return fail('Invalid userVisibleData: not UTF-8');
    }
    out.userVisibleData = v.value;
    if (body.userVisibleDataFormat !== undefined) {
      if (body.userVisibleDataFormat !== 'simpleMarkdownV1') return fail('Invalid userVisibleDataFormat');
      const md = checkSimpleMarkdown(text);
      if (!md.ok)
        return fail(
          `Invalid userVisibleData: simpleMarkdownV1 error at line ${md.line}, column ${md.column}: ${md.reason}`,
        );
      out.userVisibleDataFormat = 'simpleMarkdownV1';
    }
  }
  if (body.userNonVisibleData !== undefined) {
    const v = validateBase64('userNonVisibleData', body.userNonVisibleData, 200_000);
    if (!v.ok) return v;
    out.userNonVisibleData = v.value;
  }
  if (body.returnUrl !== undefined) {
    if (typeof body.returnUrl !== 'string' || !URL.canParse(body.returnUrl)) return fail('Invalid returnUrl');
  }
  if (body.returnRisk !== undefined) {
    if (typeof body.returnRisk !== 'boolean') return fail('Invalid returnRisk');
    out.returnRisk = body.returnRisk;
  }
  if (body.web !== undefined && body.app !== undefined) return fail('Only one of web and app may be given');
  for (const key of ['web', 'app'] as const) {
    const d = body[key];
    if (d !== undefined && (!isObject(d) || !Object.values(d).every((x) => typeof x === 'string')))
      return fail(`Invalid ${key}`);
  }
  return { ok: true, value: out };
}

export function validateOrderRef(body: unknown): Validated<string> {
  if (
    !isObject(body) ||
    typeof body.orderRef !== 'string' ||
    body.orderRef.length === 0 ||
    body.orderRef.length > 100
  ) {
    return fail('Invalid orderRef');
  }
  return { ok: true, value: body.orderRef };
}
