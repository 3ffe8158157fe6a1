// The import's file transfers, which are plain HTTP rather than GraphQL (src/register/import/
// import.router.ts): the roll goes up as the raw request body, the error report comes down as CSV.
// Both need the user's token, so neither can be a plain link: the report is fetched and handed to
// the browser as a Blob. Behind a signing-in proxy the console holds no token and the proxy adds it.

import type { Session } from '../../session';

export type Encoding = 'UTF-8' | 'GBK';

export interface HubFailure {
  status: number;
  message: string;
}

function headers(session: Session): Record<string, string> {
  return { 'Accept-Language': 'zh-CN', ...(session.token ? { Authorization: `Bearer ${session.token}` } : {}) };
}

/** The hub's message from an error answer ({ errors: [{ message }] }), or a sentence of our own. */
async function failureOf(response: Response): Promise<HubFailure> {
  const body = (await response.json().catch(() => null)) as { errors?: { message?: string }[] } | null;
  return { status: response.status, message: body?.errors?.[0]?.message ?? `请求失败（HTTP ${response.status}），请稍后重试。` };
}

const OFFLINE: HubFailure = { status: 0, message: '无法连接到服务器，请检查网络连接后重试。' };

/** POST /register/imports: the new import's id, or why the hub refused it. */
export async function uploadRoll(session: Session, file: File, encoding: Encoding | null): Promise<{ id: string } | HubFailure> {
  const query = new URLSearchParams({ fileName: file.name, ...(encoding ? { encoding } : {}) });
  try {
    const response = await fetch(`/register/imports?${query}`, { method: 'POST', body: file, headers: { ...headers(session), 'Content-Type': 'application/octet-stream' } });
    if (!response.ok) return failureOf(response);
    const body = (await response.json()) as { import: { id: string } };
    return { id: body.import.id };
  } catch {
    return OFFLINE;
  }
}

/** The file name a Content-Disposition header gives (filename*=UTF-8''…), else `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const encoded = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (!encoded) return fallback;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return fallback;
  }
}

/** GET a file that needs the token and save it through a Blob link; null when done, else why not. */
export async function downloadWithToken(session: Session, path: string, fallbackName: string): Promise<HubFailure | null> {
  try {
    const response = await fetch(path, { headers: headers(session) });
    if (!response.ok) return failureOf(response);
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameOf(response.headers.get('Content-Disposition'), fallbackName);
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The browser reads the Blob after the click returns; revoking at once can cut the download short.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return null;
  } catch {
    return OFFLINE;
  }
}
