import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../lib/bearer.ts';
import { PenghubungError } from '../lib/errors.ts';

/** Where a requester puts its API key: `Authorization: Bearer phk_…`, or the `x-api-key` header. */
export function apiKeyOf(request: FastifyRequest): string | null {
  const fromHeader = bearerToken(request.headers.authorization);
  if (fromHeader) return fromHeader;
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.trim() ? apiKey.trim() : null;
}

const HOW_TO_GET_A_KEY =
  'Ajukan permohonan akses di registry (POST /v1/access-requests); setelah disetujui administrator dan ' +
  'diberikan oleh perangkat daerah pemilik data, buat kunci API (POST /v1/clients/{id}/credentials).';
const HOW_TO_GET_A_KEY_EN =
  'Submit an access request in the registry (POST /v1/access-requests); once the administrator approves it and ' +
  'the owning agency grants it, create an API key (POST /v1/clients/{id}/credentials).';

export function missingCredential(): PenghubungError {
  return new PenghubungError(
    'UNAUTHENTICATED',
    {
      id: `Kunci API diperlukan: kirim header "Authorization: Bearer <kunci>". ${HOW_TO_GET_A_KEY}`,
      en: `An API key is required: send "Authorization: Bearer <key>". ${HOW_TO_GET_A_KEY_EN}`,
    },
    { reason: 'missing' },
  );
}

export function refusedCredential(reason: 'unknown' | 'revoked' | 'expired'): PenghubungError {
  const text = {
    unknown: { id: 'Kunci API tidak dikenal.', en: 'The API key is not known.' },
    revoked: { id: 'Kunci API telah dicabut.', en: 'The API key has been revoked.' },
    expired: { id: 'Kunci API telah kedaluwarsa.', en: 'The API key has expired.' },
  }[reason];
  return new PenghubungError(
    'UNAUTHENTICATED',
    { id: `${text.id} ${HOW_TO_GET_A_KEY}`, en: `${text.en} ${HOW_TO_GET_A_KEY_EN}` },
    { reason },
  );
}
