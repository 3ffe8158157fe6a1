import { Agent, request } from 'node:http';

// The bench's HTTP client: node:http with kept-alive connections. fetch (undici) cost this process
// about 2.3 ms of CPU per small request here, which the in-process figures charged to the hub.

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs a JSON body and parses the JSON answer. */
export function postJson(url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; json: any }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (error) {
          reject(error);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
